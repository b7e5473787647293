import yauzl from 'yauzl';
import { InvalidImportFile } from '../../../domain/imports/import-file';

// A real contact list of a million rows unpacks to well under this.
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;
// Spreadsheet XML packs about 10:1; a zip bomb packs thousands to one.
const MAX_RATIO = 200;

/**
 * Reads the zip directory of an .xlsx (without unpacking anything) and
 * refuses a file that would unpack to too much, or far more than its size:
 * a zip bomb would otherwise keep the worker busy for hours. Returns the
 * sheet names from the workbook.
 */
export async function checkXlsxArchive(path: string): Promise<{ sheets: string[] }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(new InvalidImportFile('The file is not a valid .xlsx workbook (it is not a zip archive).')) : resolve(z!))),
  );
  try {
    let total = 0;
    let workbookXml = '';
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(new InvalidImportFile(`The .xlsx file is damaged (${err.message}).`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (total > MAX_UNPACKED_BYTES || (entry.uncompressedSize > 10 * 1024 * 1024 && ratio > MAX_RATIO)) {
          return reject(new InvalidImportFile(`The .xlsx file unpacks to far more than its size (${entry.fileName}: ${Math.round(ratio)}:1); it looks like a zip bomb and is refused.`));
        }
        if (entry.fileName !== 'xl/workbook.xml') return zip.readEntry();
        if (entry.uncompressedSize > 5 * 1024 * 1024) return reject(new InvalidImportFile('The workbook index is too large.'));
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(new InvalidImportFile('The .xlsx file is damaged.'));
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('error', reject);
          stream.on('end', () => {
            workbookXml = Buffer.concat(parts).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
    const sheets = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => decodeXml(m[1]!));
    if (!sheets.length) throw new InvalidImportFile('The file is a zip archive but not an Excel workbook (no sheets).');
    return { sheets };
  } finally {
    zip.close();
  }
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
