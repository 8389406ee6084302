import { useRef, useState, type DragEvent } from 'react';
import { readDropped, readPickedFolder, readZipFile } from './checkTreeInput';
import { readInto } from './checkTreeSession';

/**
 * Where a produced tree comes in: dropped (a .zip, or a folder through the File System entry
 * API) or picked with one of two file inputs (a zip; a folder via webkitdirectory).
 */
export function CheckTreeDropZone() {
  const zipInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    // Entries must be taken now: the DataTransfer is emptied when the event returns.
    const entries = Array.from(event.dataTransfer.items, (item) => item.webkitGetAsEntry?.() ?? null).filter(
      (entry): entry is FileSystemEntry => entry !== null,
    );
    const files = Array.from(event.dataTransfer.files);
    if (entries.length > 0) void readInto('the dropped items', () => readDropped(entries));
    else if (files.length === 1) void readInto(files[0].name, () => readZipFile(files[0]));
  };

  return (
    <div
      className={`check-tree__drop${over ? ' check-tree__drop--over' : ''}`}
      role="group"
      aria-label="Tree to check"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="check-tree__drop-text">
        Drop a <strong>.zip</strong> or a <strong>folder</strong> here, or choose one:
      </p>
      <div className="check-tree__drop-actions">
        <button type="button" className="button button--primary" onClick={() => zipInput.current?.click()}>
          Choose zip…
        </button>
        <button type="button" className="button" onClick={() => folderInput.current?.click()}>
          Choose folder…
        </button>
      </div>
      <input
        ref={zipInput}
        type="file"
        accept=".zip,application/zip"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void readInto(file.name, () => readZipFile(file));
        }}
      />
      <input
        ref={(element) => {
          folderInput.current = element;
          // Not in React's typings; the attribute makes the picker choose folders.
          element?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        onChange={(event) => {
          const list = event.target.files;
          if (list && list.length > 0) {
            const copy = Array.from(list);
            event.target.value = '';
            void readInto('the folder', () => readPickedFolder(copy));
          }
        }}
      />
    </div>
  );
}
