import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { templateSchema, type PaperworkTemplate } from '../../../shared/paperwork/template';

export const BUILTIN_DIR = join(import.meta.dirname, '..', '..', '..', 'resources', 'templates');

/** The templates shipped in resources/templates, parsed with the same schema the app uses. */
export function builtinTemplates(): PaperworkTemplate[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => templateSchema.parse(JSON.parse(readFileSync(join(BUILTIN_DIR, f), 'utf8'))));
}
