import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeBadge } from './badge';

const SCAN_EVERY_MS = 250;

/** Reads a staff badge's QR code with the tablet camera (jsQR on camera frames); works offline. */
export function BadgeScanner({ onCode, onClose }: { onCode(code: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const found = useRef(onCode);
  useEffect(() => {
    found.current = onCode;
  }, [onCode]);

  useEffect(() => {
    dialog.current?.showModal();
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const scan = () => {
      const v = video.current;
      if (!v || !context || v.readyState < 2 || v.videoWidth === 0) return;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      context.drawImage(v, 0, 0);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = decodeBadge(frame.data, frame.width, frame.height);
      if (code) found.current(code);
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      queueMicrotask(() => setError(t('training.badge.noCamera')));
    } else {
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
        .then((s) => {
          if (stopped) {
            s.getTracks().forEach((track) => track.stop());
            return;
          }
          stream = s;
          if (video.current) {
            video.current.srcObject = s;
            void video.current.play().catch(() => undefined);
          }
          timer = setInterval(scan, SCAN_EVERY_MS);
        })
        .catch(() => setError(t('training.badge.noCamera')));
    }
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  return (
    <dialog ref={dialog} className="confirm-dialog badge-scanner" aria-labelledby="badge-scanner-title" onCancel={onClose} onClose={onClose}>
      <h2 id="badge-scanner-title">{t('training.badge.title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : (
        <video ref={video} muted playsInline aria-label={t('training.badge.preview')} />
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
