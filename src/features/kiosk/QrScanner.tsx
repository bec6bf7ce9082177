import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Frames are scaled down to this width before decoding: enough for a badge held up to the camera, cheap on a tablet. */
const DECODE_WIDTH = 480;

export interface QrScannerProps {
  onCode(code: string): void;
  onClose(): void;
}

/** The tablet's camera (getUserMedia), read frame by frame with jsQR (loaded on open) until a code is seen. */
export function QrScanner({ onCode, onClose }: QrScannerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const found = useRef(onCode);
  useEffect(() => {
    found.current = onCode;
  });

  useEffect(() => {
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    let decode: ((rgba: Uint8ClampedArray, width: number, height: number) => string | null) | undefined;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (decode && v && ctx && v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        const scale = Math.min(1, DECODE_WIDTH / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
        const code = decode(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (code) {
          found.current(code);
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error(t('attendance.kiosk.cameraMissing'));
        // The decoder (jsQR) loads while the camera starts; frames before it is ready are skipped.
        import('./qr-decode').then(
          (m) => (decode = m.decodeQrFrame),
          (err: unknown) => {
            if (!stopped) setError(t('attendance.kiosk.cameraUnavailable', { message: (err as Error).message }));
          },
        );
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        frame = requestAnimationFrame(tick);
      } catch (err) {
        if (!stopped) setError(t('attendance.kiosk.cameraUnavailable', { message: (err as Error).message }));
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  return (
    <div className="qr-scanner" role="group" aria-label={t('attendance.kiosk.scanTitle')}>
      <p>{t('attendance.kiosk.scanTitle')}</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : (
        <video ref={video} className="qr-video" muted playsInline aria-hidden="true" />
      )}
      <button type="button" className="secondary" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
