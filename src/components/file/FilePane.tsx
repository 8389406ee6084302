import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { useValueAfterPaint, whenIdle } from '../../state/afterPaint';
import { useStepwise } from '../../state/appStore';
import { earlierVersions } from '../../model/playback';
import { creationStepOf } from '../../model/treeRows';
import type { Replay } from '../../steps/engine';
import { languageOf } from '../../steps/language';
import { baseName } from '../../steps/names';
import { getNode, readFile } from '../../steps/tree';
import { FileTextOptions, useFileText } from './FileTextOptions';
import { FileView } from './FileView';
import { loadMonaco } from './monaco/status';
import { PresentedDiff } from './PresentedDiff';
import { StepOptions } from '../ui/StepOptions';
import './FilePane.css';

const encoder = new TextEncoder();

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

type ViewKind = 'file' | 'diff';

/** What the file pane shows: the selection at a position of a replay. */
interface PaneView {
  path: string | null;
  position: number;
  compareFrom: number | null;
  replay: Replay;
}

/**
 * The selected file at the current step: its content, or a diff against an earlier step.
 *
 * It is drawn one frame after the rest of the step (see useValueAfterPaint). Showing a file in Monaco costs
 * about as much as everything else a step changes together; the step list, tree, timeline and details show
 * the new position in the next frame, and the file follows in the one after. (An input that itself arrives
 * inside an animation frame, as the benchmark's clicks do, gets the file a frame later still.) Positions
 * passed before the pane has caught up, as in a slider drag, are skipped; an input that arrives while the
 * pane is being drawn waits for it.
 */
export function FilePane() {
  // The editor is loaded once the page is idle even when no file is shown yet (a link to a step without one), so
  // that the first step onto a file does not stall on it: evaluating Monaco's chunk takes a few hundred ms.
  useEffect(() => whenIdle(loadMonaco), []);
  const view = useValueAfterPaint(
    useStepwise(
      useShallow((s): PaneView => ({
        path: s.selectedPath,
        position: s.position,
        compareFrom: s.compareFrom,
        replay: s.scenario.replay,
      })),
    ),
  );
  return <FilePaneAt {...view} />;
}

/**
 * The file view and the diff view each keep their Monaco editor for as long as the pane is open: stepping
 * between a step that creates a file and one that changes a file only swaps which one is attached, instead
 * of disposing one editor and building the other (with its layout reads) on every such step. A view is
 * created the first time it is needed and then parked, see KeptView.
 */
const FilePaneAt = memo(function FilePaneAt({ path, position, compareFrom, replay }: PaneView) {
  const snapshot = replay.snapshots[position];
  const downloadFile = useStepwise((s) => s.downloadFile);
  // Created once, outside React's tree: each view is portalled into its host, and the host is moved in and
  // out of the body below without React unmounting what is inside.
  const [hosts] = useState(() => ({ file: viewHost(), diff: viewHost() }));

  const node = path ? getNode(snapshot.root, path) : undefined;
  const content = node?.kind === 'file' ? node.content : undefined;
  const size = useMemo(() => (content === undefined ? 0 : encoder.encode(content).length), [content]);
  const language = path ? languageOf(path) : 'plaintext';
  const original =
    path === null || content === undefined || compareFrom === null
      ? undefined
      : (readFile(replay.snapshots[compareFrom]?.root ?? snapshot.root, path) ?? '');
  const shown: ViewKind | null = content === undefined ? null : original === undefined ? 'file' : 'diff';
  const text = useFileText(content ?? '', language);
  const [kept, setKept] = useState<Record<ViewKind, boolean>>({ file: false, diff: false });
  if (shown && !kept[shown]) setKept({ ...kept, [shown]: true });

  // The shown view's host is put into the body when the body is committed: before paint, so that the new
  // position never shows the other view for a frame, and before the views' own layout effects (the body comes
  // first in the tree), so that a view measuring itself there (PresentedDiff's layout) finds its real width.
  // React runs the previous callback's cleanup before this one, so only the shown host is ever attached.
  const attachShown = useCallback(
    (target: HTMLDivElement) => {
      if (!shown) return;
      const host = hosts[shown];
      target.append(host);
      return () => host.remove();
    },
    [shown, hosts],
  );

  const views = (
    <>
      {kept.file &&
        createPortal(
          <KeptView active={shown === 'file'}>
            {path !== null && <FileView path={path} value={text.shown} language={language} wordWrap={text.wordWrap} />}
          </KeptView>,
          hosts.file,
        )}
      {kept.diff &&
        createPortal(
          <KeptView active={shown === 'diff'}>
            {path !== null && original !== undefined && (
              <PresentedDiff
                path={path}
                original={original}
                modified={content ?? ''}
                language={language}
                originalLabel={`Step ${compareFrom}`}
                modifiedLabel={`Step ${position}`}
              />
            )}
          </KeptView>,
          hosts.diff,
        )}
    </>
  );

  /** The header and the body the shown view is attached to, or a placeholder. */
  function pane(): ReactNode {
    if (!path) return <Placeholder position={position} text="Select a file in the tree to see its content." />;
    if (!node) {
      const step = creationStepOf(replay).get(path);
      return (
        <Placeholder
          position={position}
          text={`${path} does not exist at step ${position}${step !== undefined ? `; step ${step} creates it` : ''}.`}
        />
      );
    }
    if (node.kind === 'directory')
      return (
        <Placeholder
          position={position}
          text={`${path} is a folder with ${node.size} ${node.size === 1 ? 'entry' : 'entries'}.`}
        />
      );

    const versions = earlierVersions(replay.fileChanges.get(path) ?? [], position);
    return (
      // data-position tells the benchmark which step the pane shows (it is drawn a frame after the rest).
      <section className="pane file-pane" aria-labelledby="file-pane-title" data-position={position}>
        <header className="pane__header">
          <h2 className="pane__heading file-pane__title mono" id="file-pane-title" title={baseName(path)}>
            {baseName(path)}
          </h2>
          <span className="file-pane__meta muted mono" title={path}>
            {path}
          </span>
          <span className="file-pane__meta muted">
            {formatBytes(size)} · {language === 'plaintext' ? 'text' : language}
          </span>
          <CompareWith versions={versions} />
          {original === undefined && <FileTextOptions language={language} layout={text.layout} />}
          <button type="button" className="button" onClick={() => downloadFile(path, content ?? '')}>
            Download file
          </button>
        </header>
        <div className="file-pane__body" ref={attachShown} />
      </section>
    );
  }

  // The portals stay at one place in the tree whatever the pane shows, so the views survive a placeholder.
  return (
    <>
      {pane()}
      {views}
    </>
  );
});

/**
 * The element a view is portalled into. Parked views are detached from the document rather than hidden, so
 * that nothing finds them: not assistive technology, not a selector for "the editor", not find-in-page.
 */
function viewHost(): HTMLDivElement {
  const host = document.createElement('div');
  // FilePane.css gives children of the body flex: 1; the view inside fills the host's height.
  host.style.display = 'flex';
  host.style.flexDirection = 'column';
  host.style.minHeight = '0';
  return host;
}

/**
 * A view that keeps its last content while parked: it is not re-rendered until shown again, so a parked
 * editor does no work while the other view follows the steps.
 */
const KeptView = memo(
  function KeptView({ children }: { active: boolean; children: ReactNode }) {
    return children;
  },
  (_previous, next) => !next.active,
);

/**
 * The earlier step the file is compared with. It follows the store at once, unlike the pane around it: the
 * control answers in the frame after the input, and the diff it asks for follows in the next. `versions` is
 * the pane's (a frame behind), so a step just chosen may be missing from it for that frame: it is listed in
 * order then.
 */
function CompareWith({ versions }: { versions: readonly number[] }) {
  const compareFrom = useStepwise((s) => s.compareFrom);
  const setCompareFrom = useStepwise((s) => s.setCompareFrom);
  return (
    <label className="pane__field file-pane__compare">
      <span>Compare with</span>
      <select
        aria-label="Compare with"
        value={compareFrom ?? ''}
        onChange={(event) => setCompareFrom(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">nothing (show content)</option>
        <StepOptions
          steps={
            compareFrom === null || versions.includes(compareFrom)
              ? versions
              : [...versions, compareFrom].sort((a, b) => a - b)
          }
        />
      </select>
    </label>
  );
}

function Placeholder({ text, position }: { text: string; position: number }) {
  return (
    <section className="pane file-pane file-pane--empty" aria-label="File" data-position={position}>
      <p className="muted">{text}</p>
    </section>
  );
}
