// The layout's rules (README, Architecture), checked on the source: which
// layer may import which, so that a careless import fails a test instead of
// the workflow sandbox, and the walk from a route to the database never goes
// back up a layer.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && existsSync(join(root, f)));
const sources = files.filter((f) => !f.endsWith('.test.ts'));

/** One import: `to` is a repository path for a file of ours (local), else the package's name. */
type Edge = { from: string; to: string; local: boolean; typeOnly: boolean };

/** A file's imports: relative ones resolved to repository paths, packages by name. */
function importsOf(file: string): Edge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const local = spec.startsWith('.');
    const to = local ? normalize(relative(root, join(root, dirname(file), spec))) : spec;
    edges.push({ from: file, to, local, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, Boolean(node.importClause?.isTypeOnly));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) add(node.arguments[0].text, false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const edges = sources.flatMap(importsOf);
const layerOf = (path: string) => path.split('/')[0]!;
const runtime = (e: Edge) => !e.typeOnly;
const show = (list: Edge[]) => list.map((e) => `${e.from} -> ${e.to}`);
const from = (layer: string) => edges.filter((e) => layerOf(e.from) === layer && e.from.includes('/'));

describe('the layout', () => {
  it('has no catch-all lib/ folder', () => {
    expect(files.filter((f) => f.startsWith('lib/'))).toEqual([]);
  });

  it('reads the environment only in config/', () => {
    const readers = files.filter((f) => !f.startsWith('config/') && f !== 'test/architecture/layers.test.ts' && /process\.env\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(readers).toEqual([]);
  });

  it('domain/ is pure: it imports only domain/ and plain libraries, no I/O, Node APIs, database or Temporal', () => {
    const io = /^(node:|fs$|path$|crypto$|child_process$|mongoose|mongodb|@temporalio\/|hono|@hono\/|pino)/;
    const bad = from('domain').filter((e) => (e.local ? layerOf(e.to) !== 'domain' : io.test(e.to)));
    expect(show(bad)).toEqual([]);
  });

  it('db/ knows collection shapes only: no use cases, web, workflows, Temporal, config or local files', () => {
    const bad = from('db').filter((e) => (e.local ? ['activities', 'web', 'workflows', 'temporal', 'config', 'scripts'].includes(layerOf(e.to)) : /^(node:)?fs(\/promises)?$/.test(e.to)));
    expect(show(bad)).toEqual([]);
  });

  it('workflows/ load nothing at run time but @temporalio/workflow and each other (types from anywhere)', () => {
    const bad = from('workflows').filter(runtime).filter((e) => (e.local ? layerOf(e.to) !== 'workflows' : e.to !== '@temporalio/workflow'));
    expect(show(bad)).toEqual([]);
  });

  it('web/ reaches the database through db/ queries and use cases, never the models, and Temporal only through temporal/', () => {
    const bad = from('web')
      .filter(runtime)
      .filter((e) => (e.local ? e.to.startsWith('db/models') || layerOf(e.to) === 'workflows' : e.to.startsWith('@temporalio/')));
    expect(show(bad)).toEqual([]);
  });

  it('activities/ use the models only for their types: collection shapes stay in db/', () => {
    const bad = from('activities').filter((e) => e.local && ((runtime(e) && e.to.startsWith('db/models')) || layerOf(e.to) === 'web'));
    expect(show(bad)).toEqual([]);
  });

  it('temporal/ (the Temporal client side) stands on workflows\' messages, not on the database or the web', () => {
    const bad = from('temporal').filter((e) => e.local && ['db', 'activities', 'web'].includes(layerOf(e.to)));
    expect(show(bad)).toEqual([]);
  });

  it('the web process never loads workflow code: web/ and temporal/ import from workflows/ only its messages and pure helpers, or types', () => {
    const bad = [...from('web'), ...from('temporal')].filter(runtime).filter((e) => e.local && layerOf(e.to) === 'workflows' && !e.to.startsWith('workflows/messages/') && e.to !== 'workflows/task-queues');
    expect(show(bad)).toEqual([]);
  });

  it('scripts/ never import test/ (shared helpers live in scripts/, which tests may use)', () => {
    const bad = edges.filter((e) => e.local && layerOf(e.from) === 'scripts' && layerOf(e.to) === 'test');
    expect(show(bad)).toEqual([]);
  });

  it('product code never imports scripts/ or test/', () => {
    const product = ['domain', 'db', 'activities', 'workflows', 'temporal', 'web', 'config', 'logging', 'storage', 'startup'];
    const bad = edges.filter((e) => e.local && (product.includes(layerOf(e.from)) || !e.from.includes('/')) && ['scripts', 'test'].includes(layerOf(e.to)));
    expect(show(bad)).toEqual([]);
  });
});
