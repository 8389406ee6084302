import type { DragEvent } from 'react';
import { useCheckSession } from '../../state/checkTreeSession';
import { FilePickButton } from '../ui/FilePickButton';
import { useDropZone } from '../ui/useDropZone';

/**
 * Where a produced tree comes in: dropped (a .zip, or a folder through the File System entry
 * API) or picked (a zip; a folder).
 */
export function CheckTreeDropZone() {
  const checkDropped = useCheckSession((s) => s.checkDropped);
  const checkZipFile = useCheckSession((s) => s.checkZipFile);
  const checkPickedFolder = useCheckSession((s) => s.checkPickedFolder);

  const { over, handlers } = useDropZone((event: DragEvent) => {
    // Entries must be taken now: the DataTransfer is emptied when the event returns.
    const entries = Array.from(event.dataTransfer.items, (item) => item.webkitGetAsEntry?.() ?? null).filter(
      (entry): entry is FileSystemEntry => entry !== null,
    );
    void checkDropped(entries, Array.from(event.dataTransfer.files));
  });

  return (
    <div
      className={`check-tree__drop${over ? ' check-tree__drop--over' : ''}`}
      role="group"
      aria-label="Tree to check"
      {...handlers}
    >
      <p className="check-tree__drop-text">
        Drop a <strong>.zip</strong> or a <strong>folder</strong> here, or choose one:
      </p>
      <div className="check-tree__drop-actions">
        <FilePickButton primary accept=".zip,application/zip" onPick={([file]) => void checkZipFile(file)}>
          Choose zip…
        </FilePickButton>
        <FilePickButton folder onPick={(files) => void checkPickedFolder(files)}>
          Choose folder…
        </FilePickButton>
      </div>
    </div>
  );
}
