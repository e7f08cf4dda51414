import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PAD_SIZE, STROKE_WIDTH, canvasPixels } from './pixels'

/**
 * A picture input: a 280×280 pad to draw on (white strokes on black, like MNIST's digits),
 * a picture chosen or dropped on it, or a webcam snapshot. Whatever is on the pad is scaled to
 * the model's input size by the browser and handed on as raw 0–1 values (`onPixels`); the
 * normalisation is applied in the worker by the core (core/tryit/run.ts).
 */
export function ImageInput({
  height,
  width,
  channels,
  draw,
  onPixels,
}: {
  height: number
  width: number
  channels: number
  draw: boolean
  onPixels: (raw: Float32Array) => void
}) {
  const { t } = useTranslation()
  const pad = useRef<HTMLCanvasElement>(null)
  const drawing = useRef(false)
  const [invert, setInvert] = useState(false)
  const [camera, setCamera] = useState<MediaStream | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const video = useRef<HTMLVideoElement>(null)

  const context = () => pad.current!.getContext('2d')!
  const blank = () => {
    const ctx = context()
    ctx.fillStyle = '#000'
    ctx.fillRect(0, 0, PAD_SIZE, PAD_SIZE)
  }
  const send = (inverted = invert) => onPixels(canvasPixels(pad.current!, width, height, channels, inverted))

  // The pad starts black (the digits' background) rather than transparent.
  useEffect(() => {
    const ctx = pad.current!.getContext('2d')!
    ctx.fillStyle = '#000'
    ctx.fillRect(0, 0, PAD_SIZE, PAD_SIZE)
  }, [])
  useEffect(() => {
    if (camera && video.current) video.current.srcObject = camera
    return () => camera?.getTracks().forEach((track) => track.stop())
  }, [camera])

  const at = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    return [
      ((event.clientX - box.left) * PAD_SIZE) / box.width,
      ((event.clientY - box.top) * PAD_SIZE) / box.height,
    ] as const
  }
  const showPicture = (source: CanvasImageSource, w: number, h: number) => {
    blank()
    const scale = Math.min(PAD_SIZE / w, PAD_SIZE / h)
    context().drawImage(source, (PAD_SIZE - w * scale) / 2, (PAD_SIZE - h * scale) / 2, w * scale, h * scale)
    send()
  }
  const readFile = (file: File | undefined) => {
    if (!file) return
    setMessage(null)
    const url = URL.createObjectURL(file)
    const img = new Image()
    img.onload = () => {
      URL.revokeObjectURL(url)
      showPicture(img, img.naturalWidth, img.naturalHeight)
    }
    img.onerror = () => {
      URL.revokeObjectURL(url)
      setMessage(t('tryit.notImage'))
    }
    img.src = url
  }
  const openCamera = () => {
    setMessage(null)
    if (!navigator.mediaDevices?.getUserMedia) {
      setMessage(t('tryit.noWebcam'))
      return
    }
    navigator.mediaDevices.getUserMedia({ video: true }).then(setCamera, () => setMessage(t('tryit.noWebcam')))
  }

  return (
    <div className="tryit-image">
      {draw && <p className="tryit-hint">{t('tryit.draw')}</p>}
      <canvas
        ref={pad}
        width={PAD_SIZE}
        height={PAD_SIZE}
        className="tryit-pad"
        data-testid="tryit-pad"
        onPointerDown={(event) => {
          if (!draw) return
          drawing.current = true
          event.currentTarget.setPointerCapture(event.pointerId)
          const [x, y] = at(event)
          const ctx = context()
          Object.assign(ctx, { strokeStyle: '#fff', lineWidth: STROKE_WIDTH, lineCap: 'round', lineJoin: 'round' })
          ctx.beginPath()
          ctx.moveTo(x, y)
          ctx.lineTo(x + 0.01, y)
          ctx.stroke()
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return
          const [x, y] = at(event)
          context().lineTo(x, y)
          context().stroke()
        }}
        onPointerUp={() => {
          if (!drawing.current) return
          drawing.current = false
          send()
        }}
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault()
          readFile(event.dataTransfer.files[0])
        }}
      />
      <div className="tryit-tools">
        {draw && (
          <button type="button" className="button" data-testid="tryit-clear" onClick={() => (blank(), send())}>
            {t('tryit.clear')}
          </button>
        )}
        <label className="button">
          {t('tryit.upload')}
          <input
            type="file"
            accept="image/*"
            hidden
            data-testid="tryit-upload"
            onChange={(event) => readFile(event.target.files?.[0])}
          />
        </label>
        <span className="tryit-hint">{t('tryit.drop')}</span>
        <button type="button" className="button" data-testid="tryit-webcam" onClick={openCamera}>
          {t('tryit.webcam')}
        </button>
      </div>
      {camera && (
        <div className="tryit-camera">
          <video ref={video} autoPlay playsInline muted data-testid="tryit-video" />
          <button
            type="button"
            className="button primary"
            data-testid="tryit-snap"
            onClick={() => {
              const v = video.current!
              showPicture(v, v.videoWidth, v.videoHeight)
              setCamera(null)
            }}
          >
            {t('tryit.snap')}
          </button>
        </div>
      )}
      <label className="tryit-check">
        <input
          type="checkbox"
          checked={invert}
          data-testid="tryit-invert"
          onChange={(event) => {
            setInvert(event.target.checked)
            send(event.target.checked)
          }}
        />{' '}
        {t('tryit.invert')}
      </label>
      {message && (
        <p className="tryit-message" role="alert">
          {message}
        </p>
      )}
    </div>
  )
}
