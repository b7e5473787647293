import { describe, expect, it } from 'vitest';
import { storeUncompressed } from './zip-compression';

describe('stored or deflated', () => {
  it('stores what is already compressed and deflates the rest', () => {
    for (const t of ['application/pdf', 'image/jpeg', 'image/png', 'application/zip', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'video/mp4', 'audio/mpeg']) expect(storeUncompressed(t), t).toBe(true);
    for (const t of ['text/plain', 'text/csv; charset=utf-8', 'image/svg+xml', 'image/tiff', 'application/json', 'text/html']) expect(storeUncompressed(t), t).toBe(false);
  });
});
