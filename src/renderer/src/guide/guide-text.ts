/**
 * The guided path's UI strings (keys under `guide.`) in English and Chinese, as plain data (the
 * unit tests read them). Step names follow the tutorial's training workflow (准备数据集 → 划分数据 →
 * 设计模型结构 → 定义损失函数和优化器 → 训练模型 → 评估模型表现 → 部署模型). Lesson texts come from
 * the lesson files in both languages.
 */
export const guideEn = {
  label: 'Guided path',
  hide: 'Hide the guided path',
  stepNumber: 'Step {{number}}',
  done: 'done',
  notDone: 'not done yet',
  locked: "This step opens once the lesson's earlier steps are done.",
  lockedShort: 'locked',
  open: 'Open',
  lesson: 'Lesson',
  endLesson: 'End lesson',
  toDo: 'To do',
  doneLabel: 'Done',
  lookAt: 'In this lesson',
  steps: {
    data: {
      name: 'Prepare data',
      about:
        'Every model learns from examples: choose the dataset and look at its samples before anything else. ' +
        'Check what one sample is (its shape), which classes or values it has, and whether the classes are balanced.',
    },
    split: {
      name: 'Split data',
      about:
        'The data is divided into a training set (the model learns from it), a validation set (watched during ' +
        'training to spot overfitting) and a test set (kept aside for the final evaluation). The three shares add up to 100 %.',
    },
    design: {
      name: 'Design the model',
      about:
        'Wire the layers on the canvas. The shape on every connection shows what flows through it; ' +
        'a layer with a red badge has a problem to fix before the model can train.',
    },
    lossOptimizer: {
      name: 'Loss & optimizer',
      about:
        'The loss measures how wrong the model is: cross-entropy for classes, mean squared error for numbers. ' +
        'The optimizer follows the gradient of the loss to change the weights; the learning rate sets its step size.',
    },
    train: {
      name: 'Train',
      about:
        'Training repeats over the data for several epochs. Watch the training and validation loss: both should fall; ' +
        'if validation gets worse while training improves, the model is overfitting.',
    },
    evaluate: {
      name: 'Evaluate',
      about:
        'Measure the trained model on the test set, which it has never seen. Look at the accuracy, the confusion matrix ' +
        'and the mistakes: they tell what the model still gets wrong.',
    },
    deploy: {
      name: 'Deploy',
      about:
        'Put the trained model to use: try it here on your own input. Then export it so it runs outside ' +
        'LayerCanvas: as a web demo, TensorFlow.js, ONNX, or Python code that rebuilds it in Keras or PyTorch.',
    },
  },
  lessons: {
    title: 'Lessons',
    intro:
      'A lesson opens a template and walks you through the workflow, step by step, with what to look at. Teachers: open or drop a lesson file of your own here.',
    openFile: 'Open a lesson file…',
    broken: 'This lesson file has an error',
  },
  lessonInvalid: 'The lesson “{{name}}” could not be opened',
  lessonTemplateBroken: 'The lesson’s template could not be opened',
}

export const guideZhCN: typeof guideEn = {
  label: '学习路径',
  hide: '隐藏学习路径',
  stepNumber: '第 {{number}} 步',
  done: '已完成',
  notDone: '尚未完成',
  locked: '完成本课前面的步骤后，这一步才会开放。',
  lockedShort: '未开放',
  open: '打开',
  lesson: '课程',
  endLesson: '结束课程',
  toDo: '待完成',
  doneLabel: '已完成',
  lookAt: '本课要点',
  steps: {
    data: {
      name: '准备数据集',
      about:
        '模型从样本中学习：首先选择数据集并查看它的样本。看看一个样本是什么（它的形状）、有哪些类别或数值，以及各类别是否均衡。',
    },
    split: {
      name: '划分数据',
      about:
        '数据被分为训练集（模型从中学习）、验证集（训练时观察，用来发现过拟合）和测试集（留到最后评估时使用）。三者合计 100%。',
    },
    design: {
      name: '设计模型结构',
      about: '在画布上连接各层。每条连线上的形状表示流过它的数据；带红色标记的层有问题，修复之后模型才能训练。',
    },
    lossOptimizer: {
      name: '损失函数与优化器',
      about:
        '损失函数衡量模型错得有多远：类别用交叉熵，数值用均方误差。优化器沿着损失的梯度更新权重，学习率决定每一步的大小。',
    },
    train: {
      name: '训练模型',
      about:
        '训练会在数据上重复多个轮次。观察训练损失和验证损失：两者都应下降；如果训练变好而验证变差，说明模型过拟合了。',
    },
    evaluate: {
      name: '评估模型',
      about: '在模型从未见过的测试集上衡量训练好的模型。看看准确率、混淆矩阵和错分的样本：它们说明模型还在哪里出错。',
    },
    deploy: {
      name: '部署模型',
      about:
        '让训练好的模型派上用场：先在这里用你自己的输入试一试。再把它导出，让它在 LayerCanvas 之外运行：网页演示、TensorFlow.js、ONNX，或在 Keras、PyTorch 中重建它的 Python 代码。',
    },
  },
  lessons: {
    title: '课程',
    intro:
      '课程会打开一个模板，一步一步带你走完训练流程，并告诉你每一步要看什么。老师可以在这里打开或拖入自己编写的课程文件。',
    openFile: '打开课程文件…',
    broken: '这个课程文件有错误',
  },
  lessonInvalid: '无法打开课程“{{name}}”',
  lessonTemplateBroken: '无法打开课程所用的模板',
}
