// Names inside a bundle: a folder per part (a contact's documents, their
// note attachments, the case's own documents) and, within a folder, each
// file under its own name, or "name (2).ext", "name (3).ext" for files that
// share one, numbered in upload order so the same bundle always gets the same names.

/** A folder or file name that every unzip tool accepts: no slashes, control characters or names that climb out. */
export function safeZipSegment(name: string, fallback = 'file'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 150)
    .trim();
  return cleaned || fallback;
}

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot > name.length - 12 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/**
 * Gives every file a unique path "<folder>/<name>"; names compare without
 * case, as on Windows and macOS, where "Scan.pdf" and "scan.pdf" would
 * overwrite each other. `files` must be in upload order.
 */
export function uniqueZipNames(files: { folder: string; name: string }[]): string[] {
  const taken = new Set<string>();
  return files.map(({ folder, name }) => {
    const safe = safeZipSegment(name);
    const [stem, ext] = splitExtension(safe);
    for (let n = 1; ; n++) {
      const candidate = `${folder}/${n === 1 ? safe : `${stem} (${n})${ext}`}`;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  });
}
