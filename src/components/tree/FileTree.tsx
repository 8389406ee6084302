import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStepwise } from '../../state/appStore';
import { currentSnapshot } from '../../state/store';
import { treeRows, type TreeRow } from '../../model/treeRows';
import { Icon } from '../ui/Icon';
import { VirtualList } from '../ui/VirtualList';
import './FileTree.css';

const ROW_HEIGHT = 26;

/**
 * The tree at the current step, as a WAI-ARIA tree: one tab stop, arrow keys move, Right/Left
 * open and close folders, Enter or Space opens a file. What the step did is marked in words.
 */
export function FileTree() {
  const replay = useStepwise((s) => s.scenario.replay);
  const snapshot = useStepwise(currentSnapshot);
  const collapsed = useStepwise((s) => s.collapsed);
  const showFuture = useStepwise((s) => s.showFuture);
  const selectedPath = useStepwise((s) => s.selectedPath);
  const select = useStepwise((s) => s.select);
  const toggleCollapsed = useStepwise((s) => s.toggleCollapsed);
  const toggleFuture = useStepwise((s) => s.toggleFuture);
  const [focusedPath, setFocusedPath] = useState<string | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(
    () => treeRows(replay, snapshot, collapsed, showFuture),
    [replay, snapshot, collapsed, showFuture],
  );
  const focusIndex = useMemo(() => {
    for (const path of [focusedPath, selectedPath]) {
      const index = path === null ? -1 : rows.indexOfPath(path);
      if (index >= 0) return index;
    }
    return 0;
  }, [rows, focusedPath, selectedPath]);

  const moveFocus = (index: number) => {
    const row = rows.at(Math.min(rows.length - 1, Math.max(0, index)));
    if (!row) return;
    setFocusedPath(row.path);
    // The row may not be rendered yet (virtualised); focus it once it is.
    requestAnimationFrame(() =>
      treeRef.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(row.path)}"]`)?.focus(),
    );
  };

  const activate = useCallback(
    (row: TreeRow) => {
      setFocusedPath(row.path);
      if (row.kind === 'directory') toggleCollapsed(row.path);
      select(row.path);
    },
    [select, toggleCollapsed],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const row = rows.at(focusIndex);
    if (!row) return;
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          moveFocus(focusIndex + 1);
          return true;
        case 'ArrowUp':
          moveFocus(focusIndex - 1);
          return true;
        case 'Home':
          moveFocus(0);
          return true;
        case 'End':
          moveFocus(rows.length - 1);
          return true;
        case 'ArrowRight':
          if (row.kind === 'directory' && !row.expanded) toggleCollapsed(row.path, false);
          else if (row.kind === 'directory' && rows.at(focusIndex + 1)?.level === row.level + 1)
            moveFocus(focusIndex + 1);
          return true;
        case 'ArrowLeft':
          if (row.kind === 'directory' && row.expanded) toggleCollapsed(row.path, true);
          else {
            const parent = row.path.slice(0, row.path.lastIndexOf('/'));
            const parentIndex = rows.indexOfPath(parent);
            if (parentIndex >= 0) moveFocus(parentIndex);
          }
          return true;
        case 'Enter':
        case ' ':
          activate(row);
          return true;
        default:
          return false;
      }
    })();
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <section className="pane file-tree" aria-labelledby="file-tree-title">
      <h2 className="pane__title" id="file-tree-title">
        Files
        <span className="muted file-tree__counts">
          {snapshot.fileCount} files · {snapshot.directoryCount} dirs
        </span>
        <label className="file-tree__future">
          <input type="checkbox" checked={showFuture} onChange={toggleFuture} /> Later paths
        </label>
      </h2>
      {rows.length === 0 ? (
        <p className="file-tree__empty muted">The tree is empty before step 1.</p>
      ) : (
        <div ref={treeRef} className="file-tree__scroll">
          <VirtualList
            items={rows}
            rowHeight={ROW_HEIGHT}
            activeIndex={focusIndex}
            rowsProps={{ role: 'tree', 'aria-label': `Files at step ${snapshot.position}`, onKeyDown }}
            renderRow={(row, index) => (
              <TreeItem
                key={row.path}
                row={row}
                selected={row.path === selectedPath}
                focusable={index === focusIndex}
                activate={activate}
                focus={setFocusedPath}
              />
            )}
          />
        </div>
      )}
    </section>
  );
}

interface TreeItemProps {
  row: TreeRow;
  selected: boolean;
  /** The tree's one tab stop. */
  focusable: boolean;
  activate: (row: TreeRow) => void;
  focus: (path: string) => void;
}

/** One entry of the tree; memoised, so that a step re-renders only the rows it changed. */
const TreeItem = memo(function TreeItem({ row, selected, focusable, activate, focus }: TreeItemProps) {
  return (
    <div
      role="treeitem"
      data-path={row.path}
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.positionInSet}
      aria-expanded={row.kind === 'directory' ? row.expanded : undefined}
      aria-selected={selected}
      aria-disabled={row.futureStep !== null || undefined}
      aria-label={row.name}
      aria-description={
        row.futureStep !== null
          ? `created at step ${row.futureStep}`
          : row.mark
            ? `${row.mark} at this step`
            : undefined
      }
      tabIndex={focusable ? 0 : -1}
      className={[
        'file-tree__row',
        selected && 'file-tree__row--selected',
        row.futureStep !== null && 'file-tree__row--future',
        row.mark && `file-tree__row--${row.mark}`,
      ]
        .filter(Boolean)
        .join(' ')}
      style={{ paddingLeft: 8 + (row.level - 1) * 16 }}
      onClick={() => activate(row)}
      onFocus={() => focus(row.path)}
    >
      <span className="file-tree__twisty" aria-hidden="true">
        {row.kind === 'directory' ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <span className={`file-tree__icon file-tree__icon--${row.kind}`}>
        <Icon name={row.kind} />
      </span>
      <span className="file-tree__name">{row.name}</span>
      {row.mark && <span className={`badge badge--${row.mark}`}>{row.mark}</span>}
      {row.futureStep !== null && <span className="file-tree__later">step {row.futureStep}</span>}
    </div>
  );
}, sameItem);

/** Rows of an unchanged directory are the same objects; rebuilt rows are compared field by field. */
function sameItem(a: TreeItemProps, b: TreeItemProps): boolean {
  if (a.selected !== b.selected || a.focusable !== b.focusable || a.activate !== b.activate || a.focus !== b.focus)
    return false;
  if (a.row === b.row) return true;
  const keys = Object.keys(a.row) as Array<keyof TreeRow>;
  return keys.every((key) => a.row[key] === b.row[key]);
}
