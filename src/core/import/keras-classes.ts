import { unsupported, type KindTable } from '../layers/format-table'
import {
  CONDITION_CLASS_NAME,
  GENERAL_RELU_CLASS_NAME,
  GROUP_NORMALIZATION_CLASS_NAME,
  MHA_CLASS_NAME,
  POSITIONAL_EMBEDDING_CLASS_NAME,
  TIMESTEP_EMBEDDING_CLASS_NAME,
} from '../layers/custom/index'

/**
 * The Keras / tfjs class names that import as each kind (`mapLayer` in keras-layers.ts reads
 * their configs; test/unit/import checks that it knows every name here). A new kind does not
 * compile until it lists its class names, or says why a Keras model cannot hold it.
 */
export const KERAS_IMPORT_CLASSES = {
  input: ['InputLayer'],
  dense: ['Dense'],
  activation: ['Activation', 'ReLU', 'Softmax', 'LeakyReLU'],
  dropout: ['Dropout'],
  flatten: ['Flatten'],
  reshape: ['Reshape'],
  embedding: ['Embedding'],
  conv1d: ['Conv1D'],
  conv2d: ['Conv2D'],
  conv2dTranspose: ['Conv2DTranspose'],
  zeroPadding2d: ['ZeroPadding2D'],
  cropping2d: ['Cropping2D'],
  upSampling2d: ['UpSampling2D'],
  maxPool2d: ['MaxPooling2D', 'MaxPool2D'],
  avgPool2d: ['AveragePooling2D', 'AvgPool2D'],
  globalAvgPool2d: ['GlobalAveragePooling2D', 'GlobalAvgPool2D'],
  globalMaxPool2d: ['GlobalMaxPooling2D', 'GlobalMaxPool2D'],
  globalAvgPool1d: ['GlobalAveragePooling1D', 'GlobalAvgPool1D'],
  globalMaxPool1d: ['GlobalMaxPooling1D', 'GlobalMaxPool1D'],
  depthwiseConv2d: ['DepthwiseConv2D'],
  separableConv2d: ['SeparableConv2D', 'SeparableConvolution2D'],
  // ReLU and Activation import here when they set max_value or a threshold / 'relu6' (see mapLayer).
  cappedRelu: ['ReLU', GENERAL_RELU_CLASS_NAME],
  batchNormalization: ['BatchNormalization'],
  layerNormalization: ['LayerNormalization'],
  groupNormalization: [GROUP_NORMALIZATION_CLASS_NAME],
  simpleRnn: ['SimpleRNN'],
  lstm: ['LSTM'],
  gru: ['GRU'],
  bidirectional: ['Bidirectional'],
  multiHeadAttention: [MHA_CLASS_NAME],
  positionalEmbedding: [POSITIONAL_EMBEDDING_CLASS_NAME],
  add: ['Add'],
  concatenate: ['Concatenate'],
  dot: ['Dot'],
  // Keras has no such inputs: an InputLayer becomes one again only from LayerCanvas' own metadata (tfjs-model.ts).
  noiseInput: unsupported(`Keras has no noise input; restored from the metadata of LayerCanvas' own exports only`),
  timestepInput: unsupported(`Keras has no timestep input; restored from LayerCanvas' own exports' metadata only`),
  timestepEmbedding: [TIMESTEP_EMBEDDING_CLASS_NAME],
  condition: [CONDITION_CLASS_NAME],
} satisfies KindTable<readonly string[]>
