import { unifiedHunks } from '../diff';
import { showInvisible } from '../names';
import { gradeOutput, type DocumentInfo, type RunReport } from './report';
import { passRates, percent, runMismatch, type GradedRun, type WrongStep } from './reportModel';
import { shownStatus, STATUS_WORDS, type ShownStatus } from './status';
import { plural } from '../describe';

export interface HtmlReportInput {
  readonly document: DocumentInfo;
  /** stepTexts[k - 1] is step k's instruction. */
  readonly stepTexts: readonly string[];
  readonly runs: readonly GradedRun[];
}

/** Lines of one wrong step's diff shown before "… N more lines". */
const DIFF_LINES = 400;

/** A glyph per status, beside its word: the report never tells a status by colour alone. */
const GLYPHS: Readonly<Record<ShownStatus, string>> = {
  done: '✓',
  equivalent: '≈',
  combined: '+',
  'out-of-order': '⇅',
  wrong: '✗',
  missing: '∅',
};

/**
 * The grade as one self-contained HTML page: the summary, the step × run grid (sortable) and each
 * run's per-step table with the diffs of its wrong steps. It opens from disk and makes no request:
 * its policy allows nothing but its own inline style and script, every text from a run or the
 * document is escaped, and the grade's JSON (the same as `--format json`) rides along in a data
 * block whose `<` are escaped, so no text can close it. The app's "Download report" and `stepwise
 * grade --format html` both call this, so they write the same page for the same runs.
 */
export function gradeHtml({ document, stepTexts, runs }: HtmlReportInput): string {
  const sorted = [...runs].sort((a, b) => compareNames(a.report.run, b.report.run));
  const reports = sorted.map((r) => r.report);
  const output = gradeOutput(document, reports);
  const passed = reports.filter((r) => r.verdict === 'pass').length;
  const title = `Grade: ${document.title}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="stepwise grade">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${text(title)}</h1>
<p class="muted">${plural(document.steps, 'step')} · ${plural(reports.length, 'run')}: ${passed} passed, ${reports.length - passed} failed · document digest ${text(document.digest)}</p>
</header>
<main>
${summarySection(reports, stepTexts)}
${gridSection(reports, stepTexts, document.steps)}
${sorted.map((run, i) => runSection(run, i, stepTexts, document.title)).join('\n')}
</main>
<script type="application/json" id="grade-data">${jsonData(output)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function summarySection(reports: readonly RunReport[], stepTexts: readonly string[]): string {
  const rows = reports.map((report, i) => {
    const c = report.counts;
    const done = report.steps.filter((s) => s.status === 'done').length;
    return `<tr>
<th scope="row"><a href="#run-${i + 1}">${text(report.run)}</a></th>
<td>${text(report.format)}</td>
<td>${verdict(report.verdict)}</td>
<td>${firstDivergence(report, stepTexts)}</td>
<td class="num">${c.done}</td><td class="num">${c.combined}</td><td class="num">${c.outOfOrder}</td><td class="num">${c.wrong}</td><td class="num">${c.missing}</td>
<td class="num">${done}/${report.steps.length}</td>
</tr>`;
  });
  return `<section aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<div class="scroll"><table class="summary">
<thead><tr><th scope="col">Run</th><th scope="col">Format</th><th scope="col">Verdict</th><th scope="col">First divergence</th><th scope="col">Done</th><th scope="col">Combined</th><th scope="col">Out of order</th><th scope="col">Wrong</th><th scope="col">Missing</th><th scope="col">Steps passed</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

function gridSection(reports: readonly RunReport[], stepTexts: readonly string[], steps: number): string {
  const { perStep, perRun } = passRates(reports, steps);
  const head = reports
    .map(
      (report, i) =>
        `<th scope="col" class="run-head"><a href="#run-${i + 1}" title="${attribute(report.run)}">${text(shortName(report.run))}</a><br><span class="muted">${perRun[i].passed}/${steps} · ${percent(perRun[i].passed, steps)}</span></th>`,
    )
    .join('');
  const rows = perStep.map(({ step, passed, runs }) => {
    const cells = reports
      .map((report) => {
        const grade = report.steps[step - 1];
        const first = report.firstDivergence === step;
        return `<td class="cell">${statusChip(shownStatus(grade))}${first ? ' <span class="first">⚑ first divergence</span>' : ''}</td>`;
      })
      .join('');
    return `<tr data-step="${step}" data-passed="${passed}">
<th scope="row" class="step-head"><span class="step-number">${step}</span> <span class="step-text">${text(stepTexts[step - 1] ?? '')}</span></th>
<td class="num">${passed}/${runs} · ${percent(passed, runs)}</td>${cells}
</tr>`;
  });
  return `<section aria-labelledby="grid-title">
<h2 id="grid-title">Steps × runs</h2>
<p class="muted">A step passes for a run when it is done in its place; combined, out-of-order, wrong and missing steps do not. ⚑ marks each run's first divergence.</p>
<div class="scroll"><table class="grid" id="grid">
<thead><tr><th scope="col" aria-sort="ascending"><button type="button" data-sort="step">Step</button></th><th scope="col" aria-sort="none"><button type="button" data-sort="passed">Passed by</button></th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

function runSection(run: GradedRun, index: number, stepTexts: readonly string[], documentTitle: string): string {
  const { report } = run;
  const c = report.counts;
  const f = report.final;
  const mismatch = runMismatch(report, documentTitle);
  const wrongByStep = new Map(run.wrong.map((w) => [w.step, w]));
  const rows = report.steps.map((step) => {
    const wrong = wrongByStep.get(step.step);
    const where =
      step.op !== null ? `op ${step.op}` : step.closestOp !== undefined ? `closest: op ${step.closestOp}` : '–';
    return `<tr class="${step.status === 'done' ? 'ok' : 'problem'}">
<td class="num">${step.step}</td>
<td>${text(stepTexts[step.step - 1] ?? '')}<br><code>${text(step.path)}</code>${wrong ? diffBlock(wrong) : ''}</td>
<td>${statusChip(shownStatus(step))}</td>
<td>${where}</td>
<td>${step.causedBy === null ? '' : `caused by step ${step.causedBy}`}</td>
</tr>`;
  });
  const problems = [
    ...report.notReplayed.map((p) => `not replayed: op ${p.op}: <code>${text(p.command)}</code> (${text(p.reason)})`),
    ...report.outside.map((p) => `outside the run's folder: op ${p.op}: <code>${text(p.path)}</code>`),
    ...report.failed.map((p) => `failed call, not applied: op ${p.op}: ${text(p.reason)}`),
    ...report.refused.map((p) => `could not be applied: op ${p.op}: ${text(p.reason)}`),
    ...report.extra.map((p) => `extra path (not in the document): op ${p.op}: <code>${text(p.path)}</code>`),
    ...report.problems.map((p) => `note: ${text(p)}`),
    ...(report.fullyReplayed ? [] : ['the run could not be fully replayed']),
  ];
  return `<section id="run-${index + 1}" class="run" aria-labelledby="run-${index + 1}-title">
<h2 id="run-${index + 1}-title">${verdict(report.verdict)} ${text(report.run)}</h2>
<p class="muted">${text(report.format)}, ${plural(report.operations, 'operation')}${report.root.source === 'none' ? '' : `, root <code>${text(report.root.path)}</code> (${report.root.source})`}</p>
${mismatch ? `<p class="mismatch">${text(mismatch)}</p>` : ''}
<p><strong>${report.firstDivergence === null ? 'No divergence: every step is done in its place.' : `First divergence: ${firstDivergence(report, stepTexts)}`}</strong></p>
<p>Steps: ${c.done} done, ${c.combined} combined, ${c.outOfOrder} out of order, ${c.wrong} wrong, ${c.missing} missing. Final tree: ${f.identical} identical, ${f.equivalent} equivalent, ${f.different} different, ${f.missing} missing, ${f.extra} extra.</p>
${problems.length > 0 ? `<ul class="problems">${problems.map((p) => `<li>${p}</li>`).join('')}</ul>` : ''}
<div class="scroll"><table class="steps">
<thead><tr><th scope="col">Step</th><th scope="col">Instruction and path</th><th scope="col">Status</th><th scope="col">Operation</th><th scope="col">Cause</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

/** The expected version beside the run's closest one, as a unified diff. */
function diffBlock(wrong: WrongStep): string {
  const label = `Expected | actual${wrong.op === null ? '' : ` (after op ${wrong.op})`}`;
  if (wrong.expected === null)
    return `<p class="diff-note">${label}: the document makes a folder here; the run ${wrong.actual === null ? 'made no folder there' : 'wrote a file there'}.</p>`;
  if (wrong.actual === null)
    return `<p class="diff-note">${label}: the document makes a file here; the run left a folder there.</p>`;
  const lines = unifiedHunks(wrong.expected, wrong.actual);
  const shown = lines.slice(0, DIFF_LINES).map((line) => {
    const kind = line.startsWith('@@')
      ? 'hunk'
      : line[0] === '+'
        ? 'add'
        : line[0] === '-'
          ? 'del'
          : line[0] === '\\'
            ? 'note'
            : 'same';
    return `<span class="d-${kind}">${text(line)}</span>`;
  });
  const more =
    lines.length > DIFF_LINES ? `\n<span class="d-note">… ${lines.length - DIFF_LINES} more lines</span>` : '';
  return `<details class="diff" open><summary>${label}: − expected, + the run's version</summary><pre>${shown.join('\n')}${more}</pre></details>`;
}

function firstDivergence(report: RunReport, stepTexts: readonly string[]): string {
  if (report.firstDivergence === null) return '–';
  const step = report.steps[report.firstDivergence - 1];
  return `step ${step.step} — ${text(stepTexts[step.step - 1] ?? '')} (${statusChip(shownStatus(step))})`;
}

function statusChip(status: ShownStatus): string {
  return `<span class="status s-${status}"><span aria-hidden="true">${GLYPHS[status]}</span> ${STATUS_WORDS[status]}</span>`;
}

function verdict(value: 'pass' | 'fail'): string {
  return `<span class="verdict v-${value}">${value === 'pass' ? '✓ PASS' : '✗ FAIL'}</span>`;
}

function shortName(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.length > 24 ? `${base.slice(0, 23)}…` : base;
}

/**
 * The grade's JSON inside <script type="application/json">: no `<`, `>` or `&` can end the block or
 * start markup, and line separators and bidirectional controls are escaped too (the page's source
 * reads as what it holds).
 */
function jsonData(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Text for an element's content: escaped, with invisible characters made visible. */
function text(value: string): string {
  return showInvisible(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const STYLE = `
:root{color-scheme:light;--bg:#fff;--panel:#f4f6f8;--text:#1c2330;--muted:#5b6675;--border:#d5dae1;--ok:#116329;--ok-soft:#dcf5e3;--warn:#8a4b00;--warn-soft:#fdf0d5;--bad:#b42318;--bad-soft:#fde4e1;--info:#0b62c4;--info-soft:#dbe9fb}
@media (prefers-color-scheme:dark){:root{color-scheme:dark;--bg:#0f1318;--panel:#161b22;--text:#e3e8ee;--muted:#9aa6b4;--border:#2f3944;--ok:#56d37a;--ok-soft:#133321;--warn:#f0b45a;--warn-soft:#3a2a10;--bad:#ff8b80;--bad-soft:#42191a;--info:#79b8ff;--info-soft:#17324f}}
body{margin:0;padding:16px 24px;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,'Segoe UI','Noto Sans','DejaVu Sans',sans-serif}
a{color:var(--info)}
code,pre{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:12px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.muted{color:var(--muted)}
.scroll{overflow:auto;max-width:100%}
table{border-collapse:collapse}
th,td{border:1px solid var(--border);padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:var(--panel);position:sticky;top:0}
.num{text-align:right;white-space:nowrap}
.status{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;font-weight:600;white-space:nowrap}
.s-done,.s-equivalent{background:var(--ok-soft);color:var(--ok)}
.s-combined{background:var(--info-soft);color:var(--info)}
.s-out-of-order{background:var(--warn-soft);color:var(--warn)}
.s-wrong,.s-missing{background:var(--bad-soft);color:var(--bad)}
.verdict{font-weight:700}.v-pass{color:var(--ok)}.v-fail{color:var(--bad)}
.first{font-size:11px;font-weight:700;color:var(--bad);white-space:nowrap}
.grid .step-head{max-width:420px;font-weight:normal}
.step-number{font-weight:700}
.grid th button{font:inherit;font-weight:700;background:none;border:0;padding:0;color:inherit;cursor:pointer;text-decoration:underline dotted}
.mismatch{padding:6px 10px;border-left:4px solid var(--bad);background:var(--bad-soft)}
.problems{padding-left:20px}
.steps tr.problem td{background:var(--panel)}
.diff{margin-top:6px}
.diff pre{margin:4px 0 0;padding:6px;border:1px solid var(--border);background:var(--bg);white-space:pre-wrap;overflow-wrap:anywhere}
.d-add{color:var(--ok)}.d-del{color:var(--bad)}.d-hunk,.d-note{color:var(--muted)}
.diff-note{margin:6px 0 0;color:var(--muted)}
`;

/** Sorts the grid's rows by step or by how many runs pass them; moves rows, never writes markup. */
const SCRIPT = `
(function(){
  var grid=document.getElementById('grid');if(!grid)return;
  var body=grid.tBodies[0];var state={key:'step',dir:1};
  grid.addEventListener('click',function(e){
    var button=e.target.closest&&e.target.closest('button[data-sort]');if(!button)return;
    var key=button.getAttribute('data-sort');
    state.dir=state.key===key?-state.dir:1;state.key=key;
    var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){
      var d=Number(a.getAttribute('data-'+key))-Number(b.getAttribute('data-'+key));
      return (d||Number(a.getAttribute('data-step'))-Number(b.getAttribute('data-step')))*state.dir;
    });
    rows.forEach(function(r){body.appendChild(r);});
    Array.prototype.forEach.call(grid.tHead.rows[0].cells,function(th){
      var b=th.querySelector('button[data-sort]');if(!b)return;
      th.setAttribute('aria-sort',b===button?(state.dir>0?'ascending':'descending'):'none');
    });
  });
})();
`;
