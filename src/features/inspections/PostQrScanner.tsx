import jsQR from 'jsqr';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePostQr } from '../../domain/rules/post-qr';

const DECODE_WIDTH = 640;

function decode(source: CanvasImageSource, width: number, height: number): string | null {
  const scale = Math.min(1, DECODE_WIDTH / width);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data ?? null;
}

/**
 * Scans the QR code on a post (`hallops:post:<site>:<post>`): live from the
 * camera, or from a photo of the code where the camera cannot be opened.
 */
export function PostQrScanner({ onPost, onClose }: { onPost: (p: { siteId: string; postId: string }) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const fileId = useId();
  const [error, setError] = useState<string | null>(null);
  const found = useRef(onPost);
  useEffect(() => {
    found.current = onPost;
  });

  const accept = (code: string | null): boolean => {
    if (!code) return false;
    const post = parsePostQr(code);
    if (!post) {
      setError(t('inspections.qr.notAPost'));
      return false;
    }
    found.current(post);
    return true;
  };

  useEffect(() => {
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        const code = decode(v, v.videoWidth, v.videoHeight);
        const post = code ? parsePostQr(code) : null;
        if (post) return found.current(post);
      }
      frame = requestAnimationFrame(tick);
    };
    void (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        frame = requestAnimationFrame(tick);
      } catch {
        if (!stopped) setError(t('inspections.qr.noCamera'));
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  const fromPhoto = async (file: File | undefined) => {
    if (!file) return;
    const bitmap = await createImageBitmap(file);
    if (!accept(decode(bitmap, bitmap.width, bitmap.height))) setError((e) => e ?? t('inspections.qr.noCode'));
  };

  return (
    <div className="qr-scanner panel" role="group" aria-label={t('inspections.qr.title')}>
      <p>{t('inspections.qr.title')}</p>
      <video ref={video} className="qr-video" muted playsInline aria-hidden="true" />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        <input id={fileId} className="visually-hidden" type="file" accept="image/*" data-testid="qr-photo" onChange={(e) => void fromPhoto(e.target.files?.[0])} />
        <label htmlFor={fileId} className="button secondary">
          {t('inspections.qr.fromPhoto')}
        </label>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
