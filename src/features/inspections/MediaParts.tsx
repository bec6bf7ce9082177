import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { compressImage, saveMedia, useMediaUrl, usePendingUploads } from '../../sync/media';
import { formatBytes } from './format';

/** A stored picture by its hash; a placeholder while it is not on this device. */
export function MediaImage({ hash, alt, className }: { hash: string; alt: string; className?: string }) {
  const { t } = useTranslation();
  const url = useMediaUrl(hash);
  if (!url) {
    return (
      <span className={`media-missing ${className ?? ''}`} role="img" aria-label={`${alt} · ${t('inspections.media.notHere')}`}>
        {t('inspections.media.notHere')}
      </span>
    );
  }
  return <img src={url} alt={alt} className={className} data-hash={hash} />;
}

/** Thumbnails of an item's or an action's photos, each removable while editable. */
export function PhotoStrip({ hashes, label, onRemove }: { hashes: readonly string[]; label: string; onRemove?: (hash: string) => void }) {
  const { t } = useTranslation();
  if (hashes.length === 0) return null;
  return (
    <ul className="photo-strip" aria-label={label}>
      {hashes.map((hash, i) => (
        <li key={hash}>
          <MediaImage hash={hash} alt={t('inspections.media.photoN', { n: i + 1, label })} className="thumb" />
          {onRemove && (
            <button type="button" className="link" onClick={() => onRemove(hash)} aria-label={t('inspections.media.removePhoto', { n: i + 1 })}>
              {t('common.delete')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

interface Stroke {
  points: { x: number; y: number }[];
}

/**
 * Takes a photo (the tablet's camera through a file input with `capture`),
 * compresses it (longest side ~1600 px) and lets the inspector draw on it
 * before it is stored. `onSaved` gets the stored picture's hash.
 */
export function PhotoCapture({ label, onSaved, disabled }: { label: string; onSaved: (hash: string) => void | Promise<void>; disabled?: boolean }) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setPhoto(await compressImage(file));
    } catch (err) {
      setError(t('inspections.media.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <span className="photo-capture">
      <input
        ref={input}
        id={inputId}
        className="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        disabled={disabled || busy}
        data-testid="photo-input"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <label htmlFor={inputId} className={`button secondary ${disabled || busy ? 'disabled' : ''}`}>
        {busy ? t('inspections.media.compressing') : label}
      </label>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {photo && (
        <AnnotateDialog
          photo={photo}
          onCancel={() => setPhoto(null)}
          onDone={async (blob) => {
            const saved = await saveMedia(blob, 'image/jpeg');
            setPhoto(null);
            await onSaved(saved.hash);
          }}
        />
      )}
    </span>
  );
}

/** Draws marks on a photo (pointer or touch); a button adds a circle for keyboard users. */
function AnnotateDialog({ photo, onCancel, onDone }: { photo: Blob; onCancel: () => void; onDone: (blob: Blob) => Promise<void> }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<ImageBitmap | null>(null);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [circles, setCircles] = useState(0);
  const drawing = useRef<Stroke | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    let alive = true;
    void createImageBitmap(photo).then((bitmap) => {
      if (alive) setImage(bitmap);
    });
    return () => {
      alive = false;
    };
  }, [photo]);

  // Repaint: the photo, then every mark, at the photo's own resolution.
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !image) return;
    c.width = image.width;
    c.height = image.height;
    ctx.drawImage(image, 0, 0);
    const line = Math.max(4, Math.round(Math.max(c.width, c.height) / 200));
    ctx.strokeStyle = '#e11d48';
    ctx.lineWidth = line;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of strokes) {
      ctx.beginPath();
      s.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
      if (s.points.length === 1) ctx.lineTo(s.points[0]!.x + 0.1, s.points[0]!.y);
      ctx.stroke();
    }
    for (let i = 0; i < circles; i++) {
      ctx.beginPath();
      ctx.arc(c.width / 2, c.height / 2, Math.min(c.width, c.height) / (4 + i), 0, Math.PI * 2);
      ctx.stroke();
    }
  }, [image, strokes, circles]);

  const pointAt = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const rect = c.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * c.width, y: ((e.clientY - rect.top) / rect.height) * c.height };
  };

  const save = async () => {
    const c = canvas.current;
    if (!c) return;
    setSaving(true);
    try {
      const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/jpeg', 0.85));
      if (!blob) throw new Error('empty canvas');
      await onDone(blob);
    } catch (err) {
      setError(t('inspections.media.failed', { message: (err as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialog} className="annotate-dialog" aria-labelledby="annotate-title" onCancel={onCancel}>
      <h2 id="annotate-title">{t('inspections.media.annotateTitle')}</h2>
      <p className="hint">{t('inspections.media.annotateHint')}</p>
      <canvas
        ref={canvas}
        className="annotate-canvas"
        data-testid="annotate-canvas"
        data-marks={strokes.length + circles}
        role="img"
        aria-label={t('inspections.media.annotateCanvas', { n: strokes.length + circles })}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = { points: [pointAt(e)] };
          setStrokes((s) => [...s, drawing.current!]);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          drawing.current.points.push(pointAt(e));
          setStrokes((s) => [...s]);
        }}
        onPointerUp={() => {
          drawing.current = null;
        }}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={() => setCircles((n) => n + 1)}>
          {t('inspections.media.addCircle')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setStrokes([]);
            setCircles(0);
          }}
        >
          {t('inspections.media.clearMarks')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" onClick={() => void save()} disabled={saving || !image}>
          {t('inspections.media.usePhoto')}
        </button>
      </div>
    </dialog>
  );
}

/** A signature drawn with finger or stylus (signature_pad), stored as a PNG picture. */
export function SignatureCapture({
  title,
  defaultName,
  onSigned,
}: {
  title: string;
  defaultName: string;
  onSigned: (signature: { name: string; media: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const nameId = useId();
  const [name, setName] = useState(defaultName);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    // Sharp lines on high-density screens: the bitmap matches device pixels.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext('2d')?.scale(ratio, ratio);
    const p = new SignaturePad(c, { backgroundColor: 'rgb(255,255,255)', penColor: '#0f172a' });
    pad.current = p;
    return () => p.off();
  }, []);

  const save = async () => {
    if (!name.trim()) return setError(t('inspections.sign.nameRequired'));
    if (!pad.current || pad.current.isEmpty()) return setError(t('inspections.sign.empty'));
    setError(null);
    setSaving(true);
    try {
      // The pad draws on the canvas itself (white background): its PNG is the signature.
      const blob = await new Promise<Blob | null>((resolve) => canvas.current!.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('empty canvas');
      const saved = await saveMedia(blob, 'image/png');
      await onSigned({ name: name.trim(), media: saved.hash });
    } catch (err) {
      setError(t('inspections.media.failed', { message: (err as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="signature-capture" role="group" aria-label={title}>
      <div className="field">
        <label htmlFor={nameId}>{t('inspections.sign.name')}</label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </div>
      <canvas ref={canvas} className="signature-canvas" data-testid="signature-canvas" role="img" aria-label={t('inspections.sign.padLabel', { title })} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => pad.current?.clear()}>
          {t('inspections.sign.clear')}
        </button>
        <button type="button" onClick={() => void save()} disabled={saving}>
          {t('inspections.sign.save')}
        </button>
      </div>
    </div>
  );
}

/** Pictures on this device and what still waits for upload (must stay visible with many photos). */
export function MediaStatus() {
  const { t, i18n } = useTranslation();
  const s = usePendingUploads();
  return (
    <p className="media-status" data-testid="media-status" data-pending={s.pendingCount} data-stored={s.storedCount} role="status">
      {t('inspections.media.status', {
        stored: s.storedCount,
        size: formatBytes(s.storedBytes, i18n.language),
        pending: s.pendingCount,
        pendingSize: formatBytes(s.pendingBytes, i18n.language),
      })}
      {s.failingCount > 0 && s.lastError && <span className="muted"> · {t('inspections.media.retrying', { error: s.lastError })}</span>}
    </p>
  );
}
