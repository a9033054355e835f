/**
 * The analyzer page: the user picks or drops a CSV, chooses the roles and the constraints in the CLI's syntax,
 * and gets the exact frontier, its table, warnings, models and downloads. Parsing and solving run in a Web Worker
 * (started from a Blob URL, since a page opened over file:// may load no worker file); Cancel terminates it.
 */
import embed, { type Result as EmbedResult } from 'vega-embed';
import workerCode from 'worker-source';
import {
  type AnalyzeOptions,
  type CardFormat,
  type ReportV1,
  binTexts,
  constraintText,
  estimationColumns,
  estimationRowText,
  groupTableCaption,
  groupTableColumns,
  htmlReport,
  modelCard,
  scoreColumns,
  scoreNotes,
  reportSpec,
  rowAlphas,
} from './core.js';
import type { ColumnInfo, FromWorker, ToWorker } from './protocol.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};
const MEASURES = ['sp', 'eo', 'oae'] as const;
/** Every criterion the page offers: its report name, the CLI flag (and input id) and the name shown. */
const CRITERIA = [
  ['sp', 'sp', 'SP'],
  ['eo', 'eo', 'EO'],
  ['oae', 'oae', 'OAE'],
  ['tpr', 'tpr', 'TPR'],
  ['fpr', 'fpr', 'FPR'],
  ['errorRate', 'error-rate', 'error rate'],
  ['spRatio', 'sp-ratio', 'SP ratio'],
  ['tprRatio', 'tpr-ratio', 'TPR ratio'],
  ['fprRatio', 'fpr-ratio', 'FPR ratio'],
  ['groupLoss', 'group-loss', 'group loss'],
] as const;
type CriterionName = (typeof CRITERIA)[number][0];
const CRITERION_NAMES = Object.fromEntries(CRITERIA.map(([m, , label]) => [m, label])) as Record<
  CriterionName,
  string
>;
/** A ratio binds below 1 when R > 0; the other bounds bind below 1. */
const binds = (m: CriterionName, bound: number) => (m.endsWith('Ratio') ? bound > 0 : bound < 1);
const OBJECTIVE_NAMES = {
  accuracy: 'accuracy',
  balancedAccuracy: 'balanced accuracy',
  cost: 'expected cost',
};

const ui = {
  file: $<HTMLInputElement>('csv-file'),
  drop: $<HTMLDivElement>('drop'),
  fileStatus: $<HTMLParagraphElement>('file-status'),
  delimiter: $<HTMLInputElement>('delimiter'),
  naValues: $<HTMLInputElement>('na-values'),
  skipRows: $<HTMLInputElement>('skip-rows'),
  noHeader: $<HTMLInputElement>('no-header'),
  columnNames: $<HTMLInputElement>('column-names'),
  noTrim: $<HTMLInputElement>('no-trim'),
  form: $<HTMLFormElement>('form'),
  group: $<HTMLSelectElement>('group'),
  label: $<HTMLSelectElement>('label'),
  predictions: $<HTMLSelectElement>('predictions'),
  scores: $<HTMLSelectElement>('scores'),
  featureList: $<HTMLDivElement>('feature-list'),
  bins: $<HTMLTextAreaElement>('bins'),
  weights: $<HTMLSelectElement>('weights'),
  filter: $<HTMLTextAreaElement>('filter'),
  derive: $<HTMLTextAreaElement>('derive'),
  groupValues: $<HTMLInputElement>('group-values'),
  labelValues: $<HTMLInputElement>('label-values'),
  dropMissing: $<HTMLInputElement>('drop-missing'),
  criteria: Object.fromEntries(CRITERIA.map(([m, id]) => [m, $<HTMLInputElement>(id)])) as Record<
    CriterionName,
    HTMLInputElement
  >,
  objective: $<HTMLInputElement>('objective'),
  groupBlind: $<HTMLInputElement>('group-blind'),
  models: $<HTMLTextAreaElement>('models'),
  holdout: $<HTMLInputElement>('holdout'),
  folds: $<HTMLInputElement>('folds'),
  bootstrap: $<HTMLInputElement>('bootstrap'),
  interval: $<HTMLInputElement>('interval'),
  level: $<HTMLInputElement>('level'),
  seed: $<HTMLInputElement>('seed'),
  method: $<HTMLSelectElement>('method'),
  algorithm: $<HTMLSelectElement>('algorithm'),
  timeLimit: $<HTMLInputElement>('time-limit'),
  run: $<HTMLButtonElement>('run'),
  cancel: $<HTMLButtonElement>('cancel'),
  progress: $<HTMLProgressElement>('progress'),
  runStatus: $<HTMLParagraphElement>('run-status'),
  commandText: $<HTMLElement>('command-text'),
  error: $<HTMLDivElement>('error'),
  results: $<HTMLElement>('results'),
  summary: $<HTMLParagraphElement>('summary'),
  warnings: $<HTMLDivElement>('warnings'),
  warningList: $<HTMLUListElement>('warning-list'),
  chart: $<HTMLDivElement>('chart'),
  chartCaption: $<HTMLElement>('chart-caption'),
  frontierTable: $<HTMLTableElement>('frontier-table'),
  notes: $<HTMLUListElement>('notes'),
  modelsSection: $<HTMLDivElement>('models-section'),
  modelsTable: $<HTMLTableElement>('models-table'),
  modelGroups: $<HTMLDivElement>('model-groups'),
  scoresSection: $<HTMLDivElement>('scores-section'),
  scoresTable: $<HTMLTableElement>('scores-table'),
  scoresNotes: $<HTMLUListElement>('scores-notes'),
  groupsTable: $<HTMLTableElement>('groups-table'),
};

// ---- the worker ----------------------------------------------------------------------------------------

const workerUrl = URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' }));
let worker: Worker | undefined;
let busy = false;

function startWorker(): Worker {
  const w = new Worker(workerUrl, { name: 'fairlimit-analyzer' });
  w.onmessage = (event: MessageEvent<FromWorker>) => onWorkerMessage(event.data);
  w.onerror = (event) => {
    event.preventDefault();
    finishRun();
    showError(`fairlimit: ${event.message || 'the analyzer stopped'}`);
  };
  return w;
}

function send(message: ToWorker): void {
  worker ??= startWorker();
  worker.postMessage(message);
}

// ---- state ---------------------------------------------------------------------------------------------

let file: File | undefined;
let fileNumber = 0;
let columns: readonly ColumnInfo[] = [];
let report: ReportV1 | undefined;
let reportJson = '';
let view: EmbedResult | undefined;
let runStarted = 0;

const text = (el: HTMLInputElement | HTMLTextAreaElement) => el.value.trim();
const lines = (el: HTMLTextAreaElement) =>
  el.value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
const selected = (el: HTMLSelectElement) =>
  Array.from(el.selectedOptions, (o) => o.value).filter((v) => v !== '');

/** The CSV flags (they decide how the file is parsed, hence the worker's cache key). */
function csvFlags(): AnalyzeOptions {
  return {
    ...(text(ui.delimiter) !== ',' && text(ui.delimiter) !== '' ? { delimiter: ui.delimiter.value } : {}),
    ...(ui.naValues.value !== ',NA' ? { naValues: ui.naValues.value } : {}),
    ...(text(ui.skipRows) !== '0' && text(ui.skipRows) !== '' ? { skipRows: text(ui.skipRows) } : {}),
    ...(ui.noHeader.checked ? { header: false } : {}),
    ...(text(ui.columnNames) !== '' ? { columns: text(ui.columnNames) } : {}),
    ...(ui.noTrim.checked ? { trim: false } : {}),
  };
}

function fileKey(): string {
  return `${fileNumber}:${JSON.stringify(csvFlags())}`;
}

/** Every flag of the form, as `fairlimit frontier` would receive them. */
function flags(): AnalyzeOptions {
  const group = selected(ui.group);
  const predictions = selected(ui.predictions);
  const scores = selected(ui.scores);
  const featureBoxes = Array.from(ui.featureList.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
  const offered = featureBoxes.filter((b) => !b.disabled);
  // A name can repeat in a header (raw COMPAS has two priors_count columns): the flag names it once.
  const features = [...new Set(offered.filter((b) => b.checked).map((b) => b.value))];
  const offeredNames = new Set(offered.map((b) => b.value));
  const bins = lines(ui.bins);
  const filter = lines(ui.filter);
  const derive = lines(ui.derive);
  const models = lines(ui.models);
  const optional = (name: keyof AnalyzeOptions, value: string) => (value !== '' ? { [name]: value } : {});
  return {
    ...csvFlags(),
    ...(group.length > 0 ? { group: group.join(',') } : {}),
    ...optional('label', ui.label.value),
    ...(features.length < offeredNames.size ? { features: features.join(',') } : {}),
    ...(bins.length > 0 ? { bins } : {}),
    ...optional('weights', ui.weights.value),
    ...(filter.length > 0 ? { filter } : {}),
    ...(derive.length > 0 ? { derive } : {}),
    ...optional('groupValues', text(ui.groupValues)),
    ...optional('labelValues', text(ui.labelValues)),
    ...(ui.dropMissing.checked ? { dropMissing: true } : {}),
    ...(predictions.length > 0 ? { predictions: predictions.join(',') } : {}),
    ...(scores.length > 0 ? { scores: [scores.join(',')] } : {}),
    ...Object.assign({}, ...CRITERIA.map(([m]) => optional(m, text(ui.criteria[m])))),
    ...optional('objective', text(ui.objective)),
    ...(ui.groupBlind.checked ? { groupBlind: true } : {}),
    ...(models.length > 0 ? { model: models } : {}),
    ...optional('holdout', text(ui.holdout)),
    ...optional('folds', text(ui.folds)),
    ...optional('bootstrap', text(ui.bootstrap)),
    ...(ui.interval.checked ? { interval: true } : {}),
    ...optional('level', text(ui.level)),
    ...optional('seed', text(ui.seed)),
    ...optional('method', ui.method.value),
    ...(ui.algorithm.value !== 'auto' ? { algorithm: ui.algorithm.value } : {}),
    ...optional('timeLimit', text(ui.timeLimit)),
  };
}

const shellQuote = (s: string) => (/^[\w.,:=@%+/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The equivalent command line, shown under the Run button (and handy to reproduce a result in a terminal). */
function commandLine(o: AnalyzeOptions): string {
  const parts = ['fairlimit', 'frontier', shellQuote(file?.name ?? 'FILE.csv')];
  const flag = (name: string, value: string | boolean | undefined) => {
    if (value === undefined || value === false) return;
    if (value === true) parts.push(name);
    else parts.push(name, shellQuote(value));
  };
  flag('--group', o.group);
  flag('--label', o.label);
  flag('--features', o.features);
  for (const b of binTexts(o.bins)) flag('--bins', b);
  flag('--weights', o.weights);
  for (const f of o.filter ?? []) flag('--filter', f);
  for (const d of o.derive ?? []) flag('--derive', d);
  flag('--group-values', o.groupValues);
  flag('--label-values', o.labelValues);
  flag('--drop-missing', o.dropMissing);
  flag('--predictions', o.predictions);
  for (const v of o.scores ?? []) flag('--scores', v);
  flag('--delimiter', o.delimiter);
  flag('--na-values', o.naValues);
  flag('--skip-rows', o.skipRows);
  if (o.header === false) parts.push('--no-header');
  flag('--columns', o.columns);
  if (o.trim === false) parts.push('--no-trim');
  for (const [m, name] of CRITERIA) flag(`--${name}`, o[m]);
  flag('--objective', o.objective);
  flag('--group-blind', o.groupBlind);
  for (const m of o.model ?? []) flag('--model', m);
  flag('--holdout', o.holdout);
  flag('--folds', o.folds);
  flag('--bootstrap', o.bootstrap);
  flag('--interval', o.interval);
  flag('--level', o.level);
  flag('--seed', o.seed);
  flag('--method', o.method);
  flag('--algorithm', o.algorithm);
  flag('--time-limit', o.timeLimit);
  parts.push('--json');
  return parts.join(' ');
}

function updateCommand(): void {
  ui.commandText.textContent = commandLine(flags());
}

// ---- file input ----------------------------------------------------------------------------------------

/** The page's control for each option an error message may name, so that a hint points at what to change. */
const CONTROLS: readonly [RegExp, string][] = [
  [/--drop-missing/g, 'the "Drop rows with a missing value" box'],
  [/--no-header/g, 'the CSV option "The first line is data"'],
  [/--columns/g, 'the CSV option "Column names"'],
  [/--delimiter/g, 'the CSV option "Delimiter"'],
  [/--na-values/g, 'the CSV option "Missing markers"'],
  [/--skip-rows/g, 'the CSV option "Lines to skip before the header"'],
  [/--group-values/g, 'the "Groups to keep" field'],
  [/--label-values/g, 'the "Label classes" field'],
  [/--group\b/g, 'the "Sensitive attribute" list'],
  [/--label\b/g, 'the "Label" list'],
  [/--features/g, 'the feature boxes'],
  [/--bins/g, 'the "Bins" field'],
  [/--filter/g, 'the "Filters" field'],
  [/--derive/g, 'the "Derived columns" field'],
  [/--predictions/g, 'the "Predictions of your models" list'],
  [/--scores/g, 'the "Scores of your models" list'],
  [/--weights/g, 'the "Row weights" list'],
  [/--seed/g, 'the "Seed" field'],
  [/--eo\b/g, 'the "Equalized odds" field'],
  [/--sp\b/g, 'the "Statistical parity" field'],
  [/--oae\b/g, 'the "Overall accuracy equality" field'],
  [/--folds/g, 'the "Cross-fitting folds" field'],
  [/--holdout/g, 'the "Held-out share" field'],
];

/** Longest error shown: a message quoting a garbled (e.g. binary) line is cut, never the page stretched. */
const MAX_ERROR_CHARS = 400;

/**
 * An error as the page shows it: control and replacement characters (a binary file read as text) as "�", runs of
 * them collapsed, the text cut at MAX_ERROR_CHARS, and option names replaced by the page's controls.
 */
function pageErrorText(message: string): string {
  // eslint-disable-next-line no-control-regex
  let t = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]+/g, '\ufffd');
  if (/\ufffd/.test(t) && /E_[A-Z_]+/.test(t)) {
    // a quoted value full of unreadable bytes tells the reader nothing: say what the file is instead
    t = t.replace(/, value is "[^"]*"|"[^"]*\ufffd[^"]*"/g, '');
    t = `${t} — this does not look like a text (CSV) file; choose a CSV file.`;
  }
  for (const [flag, control] of CONTROLS) {
    t = t.replace(new RegExp(`\\(option ${flag.source}\\)`, 'g'), `(${control})`); // the place
    t = t.replace(flag, control);
  }
  return t.length > MAX_ERROR_CHARS ? `${t.slice(0, MAX_ERROR_CHARS - 1)}…` : t;
}

function showError(message: string): void {
  ui.error.textContent = pageErrorText(message);
  ui.error.hidden = false;
}

function clearError(): void {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

function chooseFile(f: File): void {
  file = f;
  fileNumber++;
  clearError();
  ui.results.hidden = true;
  ui.fileStatus.textContent = `Reading ${f.name} (${formatBytes(f.size)})…`;
  readFile();
}

function readFile(): void {
  if (!file || busy) return;
  send({ type: 'read', file, key: fileKey(), options: csvFlags() });
  setBusy(true, 'Reading the file…');
}

const formatBytes = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} kB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;

ui.file.addEventListener('change', () => {
  const f = ui.file.files?.[0];
  if (f) chooseFile(f);
});
for (const type of ['dragenter', 'dragover'] as const)
  ui.drop.addEventListener(type, (e) => {
    e.preventDefault();
    ui.drop.classList.add('over');
  });
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  ui.drop.classList.remove('over');
  const f = e.dataTransfer?.files?.[0];
  if (f) chooseFile(f);
});
// A file dropped outside the zone must not make the browser navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());
for (const el of [ui.delimiter, ui.naValues, ui.skipRows, ui.noHeader, ui.columnNames, ui.noTrim])
  el.addEventListener('change', () => {
    if (file) {
      clearError();
      readFile();
    }
  });

function option(value: string, label = value): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

function describe(c: ColumnInfo): string {
  const distinct = c.distinct > 200 ? 'over 200 values' : `${c.distinct} value${c.distinct === 1 ? '' : 's'}`;
  return `${c.name} (${c.isNumeric ? 'numbers' : 'text'}, ${distinct}${c.missing > 0 ? `, ${c.missing} missing` : ''})`;
}

/**
 * Labels that tell repeated column names apart (raw COMPAS has two priors_count columns): "priors_count (2nd
 * column of this name; the first is used)".
 */
function columnLabels(info: readonly ColumnInfo[]): string[] {
  const seen = new Map<string, number>();
  return info.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    const total = info.filter((d) => d.name === c.name).length;
    if (total === 1) return describe(c);
    const nth = n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
    return `${describe(c)} [${nth} of ${total} columns named ${c.name}${n > 1 ? '; the first is used' : ''}]`;
  });
}

function showColumns(info: readonly ColumnInfo[], nRows: number, bytes: number): void {
  const previous = {
    group: selected(ui.group),
    label: ui.label.value,
    predictions: selected(ui.predictions),
    scores: selected(ui.scores),
    weights: ui.weights.value,
  };
  columns = info;
  const labels = columnLabels(info);
  const options = () => info.map((c, j) => option(c.name, labels[j]));
  ui.group.replaceChildren(...options());
  ui.label.replaceChildren(option('', 'choose the label'), ...options());
  ui.predictions.replaceChildren(...options());
  // A score is a number: only numeric columns are offered.
  ui.scores.replaceChildren(...info.flatMap((c, j) => (c.isNumeric ? [option(c.name, labels[j])] : [])));
  ui.weights.replaceChildren(option('', 'none'), ...info.map((c) => option(c.name)));
  for (const o of ui.group.options) o.selected = previous.group.includes(o.value);
  for (const o of ui.predictions.options) o.selected = previous.predictions.includes(o.value);
  for (const o of ui.scores.options) o.selected = previous.scores.includes(o.value);
  if (info.some((c) => c.name === previous.label)) ui.label.value = previous.label;
  if (info.some((c) => c.name === previous.weights)) ui.weights.value = previous.weights;
  ui.featureList.replaceChildren(
    ...info.map((c, j) => {
      const id = `feature-${j}`;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = id;
      box.value = c.name;
      box.checked = true;
      box.dataset.testid = 'feature';
      const label = document.createElement('label');
      label.htmlFor = id;
      const repeated = info.findIndex((d) => d.name === c.name) !== j;
      label.append(box, ` ${c.name}`);
      if (repeated) {
        // the CLI reads a repeated name's first column: the later ones are marked and cannot be chosen apart
        box.disabled = true;
        box.checked = false;
        box.dataset.duplicate = 'true';
        label.classList.add('duplicate');
        label.title = `a second column named ${c.name}: the first one is used`;
        label.append(' (repeated name)');
      }
      return label;
    }),
  );
  updateRoles();
  ui.form.hidden = false;
  ui.fileStatus.textContent = `${file?.name}: ${nRows} rows, ${info.length} columns, ${formatBytes(bytes)}. Choose the columns below.`;
}

/** Columns with a role (group, label, predictions, scores, weights) are not offered as features. */
function updateRoles(): void {
  const taken = new Set([
    ...selected(ui.group),
    ui.label.value,
    ...selected(ui.predictions),
    ...selected(ui.scores),
    ui.weights.value,
  ]);
  for (const box of ui.featureList.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
    box.disabled = taken.has(box.value) || box.dataset.duplicate === 'true';
    box.parentElement!.classList.toggle('taken', box.disabled);
  }
  updateCommand();
}

for (const el of [ui.group, ui.label, ui.predictions, ui.scores, ui.weights])
  el.addEventListener('change', updateRoles);
ui.form.addEventListener('input', updateCommand);
ui.form.addEventListener('change', updateCommand);
$('features-all').addEventListener('click', () => setFeatures(true));
$('features-none').addEventListener('click', () => setFeatures(false));
function setFeatures(on: boolean): void {
  for (const box of ui.featureList.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
    if (!box.disabled) box.checked = on;
  updateCommand();
}

// ---- running -------------------------------------------------------------------------------------------

function setBusy(on: boolean, status = ''): void {
  busy = on;
  ui.run.disabled = on;
  ui.cancel.disabled = !on;
  ui.progress.hidden = !on;
  if (on) ui.progress.removeAttribute('value');
  ui.runStatus.textContent = status;
}

function finishRun(): void {
  setBusy(false, ui.runStatus.textContent ?? '');
}

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!file || busy) return;
  clearError();
  runStarted = performance.now();
  send({ type: 'run', file, key: fileKey(), options: flags() });
  setBusy(true, 'Starting…');
});

ui.cancel.addEventListener('click', () => {
  worker?.terminate();
  worker = undefined; // the next request starts a fresh worker (and re-reads the file)
  setBusy(false, 'Cancelled.');
  ui.run.focus();
});

function onWorkerMessage(m: FromWorker): void {
  switch (m.type) {
    case 'progress': {
      if (m.total !== undefined) {
        ui.progress.max = m.total;
        ui.progress.value = m.done;
      }
      ui.runStatus.textContent =
        m.phase === 'read'
          ? `Reading: ${formatBytes(m.done)}${m.total !== undefined ? ` of ${formatBytes(m.total)}` : ''}`
          : `Solving: ${m.done} of ${m.total} linear programs`;
      return;
    }
    case 'columns':
      setBusy(false, '');
      if (m.key === fileKey()) showColumns(m.columns, m.nRows, m.bytes);
      return;
    case 'result':
      setBusy(
        false,
        `Done in ${((performance.now() - runStarted) / 1000).toFixed(2)} s${m.readMs >= 1 ? ` (reading ${(m.readMs / 1000).toFixed(2)} s)` : ''}: data table and linear programs ${(m.solveMs / 1000).toFixed(2)} s.`,
      );
      showReport(m.json).catch((e: unknown) => showError(`fairlimit: ${(e as Error).message}`));
      return;
    case 'error':
      setBusy(false, 'Stopped: see the error.');
      if (ui.form.hidden) ui.fileStatus.textContent = '';
      showError(m.text);
      ui.error.focus();
      return;
  }
}

// ---- results -------------------------------------------------------------------------------------------

const fixed6 = (x: number) => x.toFixed(6);

function fillTable(
  table: HTMLTableElement,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  decorate?: (tr: HTMLTableRowElement, i: number) => void,
): void {
  const headRow = document.createElement('tr');
  for (const h of header) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    headRow.append(th);
  }
  table.tHead!.replaceChildren(headRow);
  table.tBodies[0].replaceChildren(
    ...rows.map((r, i) => {
      const tr = document.createElement('tr');
      r.forEach((cell, j) => {
        const td = document.createElement(j === 0 ? 'th' : 'td');
        if (j === 0) (td as HTMLTableCellElement).scope = 'row';
        td.textContent = cell;
        tr.append(td);
      });
      decorate?.(tr, i);
      return tr;
    }),
  );
}

async function showReport(json: string): Promise<void> {
  reportJson = json;
  const r = JSON.parse(json) as ReportV1;
  report = r;
  const d = r.data;
  ui.summary.textContent = `${d.source.name}: ${d.nRows} rows, ${d.groups.length} groups, ${d.labels.length} classes, ${d.cells.count} cells (${d.cells.isGroupAware ? 'group-aware' : 'group-blind'}, ${fixed6(d.cells.perRow)} cells per row). Bayes accuracy ${fixed6(r.reference.bayesAccuracy)}; best constant classifier ${fixed6(r.reference.constantAccuracy)}.`;
  ui.warnings.hidden = d.warnings.length === 0;
  ui.warningList.replaceChildren(
    ...d.warnings.map((w) => {
      const li = document.createElement('li');
      li.textContent = w;
      return li;
    }),
  );
  const { constraints } = r.settings;
  const constrained = CRITERIA.map(([m]) => m).filter(
    (m) => constraints.swept.includes(m) || (constraints.alphas[m] ?? []).some((a) => binds(m, a)),
  );
  // SP, EO and OAE are always measured; the other criteria are shown where they are constrained.
  const measured = [...new Set<CriterionName>([...MEASURES, ...constrained])];
  const objective = r.settings.objective?.kind ?? 'accuracy';
  const estimated = estimationColumns(r);
  const hasExact = r.frontier.length > 0;
  const header = [
    'constraints',
    ...(hasExact
      ? [
          'accuracy',
          ...(objective !== 'accuracy' ? [OBJECTIVE_NAMES[objective]] : []),
          'dual bound',
          ...measured.map((m) => `${CRITERION_NAMES[m]} ${m.endsWith('Ratio') ? 'ratio' : 'violation'}`),
          ...constrained.map((m) => `${CRITERION_NAMES[m]} price`),
        ]
      : []),
    ...estimated.header,
  ];
  const alphas = rowAlphas(r);
  const rows = alphas.map((alpha, i) => {
    const p = r.frontier[i];
    return [
      constraintText({ alpha }),
      ...(p
        ? [
            fixed6(p.accuracy),
            ...(objective !== 'accuracy' ? [fixed6(p.value ?? Number.NaN)] : []),
            fixed6(p.dualBound),
            ...measured.map((m) => fixed6(p.violations[m] ?? Number.NaN)),
            ...constrained.map((m) => fixed6(p.price[m] ?? Number.NaN)),
          ]
        : []),
      ...estimationRowText(estimated, i),
    ];
  });
  fillTable(ui.frontierTable, header, rows, (tr, i) => {
    tr.dataset.testid = 'frontier-point';
    const alpha = alphas[i];
    for (const m of constrained.includes('eo') ? constrained : ['eo' as const, ...constrained])
      if (alpha[m] !== undefined) tr.dataset[m] = String(alpha[m]);
    const p = r.frontier[i];
    if (p) {
      tr.dataset.accuracy = String(p.accuracy);
      tr.dataset.dualBound = String(p.dualBound);
      if (p.value !== undefined) tr.dataset.value = String(p.value);
    }
  });
  ui.notes.replaceChildren(
    ...estimated.notes.map((n) => {
      const li = document.createElement('li');
      li.textContent = n;
      return li;
    }),
  );
  const models = r.models ?? [];
  ui.modelsSection.hidden = models.length === 0;
  fillTable(
    ui.modelsTable,
    ['model', 'source', 'measure', 'violation', 'accuracy', 'FairFront', 'gap', 'SP / EO / OAE violations'],
    models.map((m) => [
      m.name,
      m.source,
      m.measure,
      fixed6(m.violation),
      fixed6(m.accuracy),
      fixed6(m.frontierAccuracy),
      fixed6(m.gap),
      m.violations ? MEASURES.map((k) => fixed6(m.violations![k])).join(' / ') : '',
    ]),
    (tr, i) => {
      tr.dataset.testid = 'model-point';
      tr.dataset.gap = String(models[i].gap);
    },
  );
  // Each model's MetricFrame-like table: selection rate, TPR, FPR and accuracy by group, then their spread.
  ui.modelGroups.replaceChildren(
    ...models.flatMap((m, i) =>
      (m.byGroup ?? []).map((t, j) => {
        const id = `model-groups-${i}-${j}`;
        const wrap = document.createElement('div');
        wrap.className = 'table-wrap';
        wrap.tabIndex = 0;
        wrap.setAttribute('role', 'region');
        wrap.setAttribute('aria-labelledby', id);
        const table = document.createElement('table');
        table.dataset.testid = 'model-groups';
        const caption = table.createCaption();
        caption.id = id;
        caption.textContent = groupTableCaption(m.name, t, m.byGroup!.length);
        table.createTHead();
        table.createTBody();
        const { header, rows } = groupTableColumns(t, 6);
        fillTable(table, header, rows);
        wrap.append(table);
        return wrap;
      }),
    ),
  );
  const scoreTable = scoreColumns(r);
  ui.scoresSection.hidden = (r.scoreCurves ?? []).length === 0;
  fillTable(ui.scoresTable, scoreTable.header, scoreTable.rows, (tr) => {
    tr.dataset.testid = 'score-rule';
  });
  ui.scoresNotes.replaceChildren(
    ...scoreNotes(r).map((n) => {
      const li = document.createElement('li');
      li.textContent = n;
      return li;
    }),
  );
  fillTable(
    ui.groupsTable,
    ['group', 'rows', 'share'],
    d.groups.map((g) => [g.name, String(g.rows), fixed6(g.share)]),
  );
  ui.results.hidden = false;
  ui.chartCaption.textContent = hasExact
    ? `FairFront (${constrained.map((m) => CRITERION_NAMES[m]).join(', ') || 'unconstrained'}): the highest accuracy of any classifier on these cells. Use the menu to save the chart.`
    : 'Certified bracket of FairFront (the exact LP was too large).';
  view?.finalize();
  view = await embed(ui.chart, reportSpec(r) as never, {
    actions: { export: true, source: false, compiled: false, editor: false },
    renderer: 'svg',
    tooltip: true,
    downloadFileName: `${baseName()}-frontier`,
  });
  // vega-embed's menu button is an icon only: give it a name (screen readers, axe's summary-name rule).
  ui.chart.querySelector('summary')?.setAttribute('aria-label', 'Chart menu: save the chart as SVG or PNG');
  ui.results.focus();
}

// ---- downloads -----------------------------------------------------------------------------------------

function baseName(): string {
  return (report?.data.source.name ?? 'data').replace(/\.[^.]*$/, '') || 'data';
}

function download(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Card file names: the Hugging Face card is a model repository's README.md (YAML front matter, then Markdown),
 * so it is saved under that exact name; the others carry the data's name.
 */
const CARD_FILES: Readonly<Record<CardFormat, [(base: string) => string, string]>> = {
  hf: [() => 'README.md', 'text/markdown'],
  mct: [(base) => `${base}.model-card.mct.json`, 'application/json'],
  md: [(base) => `${base}.model-card.md`, 'text/markdown'],
};

document.querySelector('.downloads')!.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-download]');
  if (!button || !report) return;
  const kind = button.dataset.download!;
  const base = baseName();
  const run = async () => {
    switch (kind) {
      case 'json':
        return download(`${base}.fairlimit.json`, reportJson, 'application/json');
      case 'html':
        return download(`${base}.fairlimit.html`, await htmlReport(report!), 'text/html');
      case 'svg':
        return download(`${base}-frontier.svg`, await view!.view.toSVG(), 'image/svg+xml');
      case 'png': {
        const url = await view!.view.toImageURL('png', 2);
        const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
        return download(`${base}-frontier.png`, bytes, 'image/png');
      }
      default: {
        const [fileName, type] = CARD_FILES[kind as CardFormat];
        return download(fileName(base), modelCard(report!, kind as CardFormat), type);
      }
    }
  };
  run().catch((err: unknown) => showError(`fairlimit: ${(err as Error).message}`));
});

$('version').textContent = __FAIRLIMIT_VERSION__;
updateCommand();
