import { Inject, Injectable } from '@nestjs/common';
import type { QuestionSet } from '@slimste/engine';
import {
  DEFAULT_DEMO_SET_ID,
  demoSets,
  parseQuestionSet,
  type QuestionSetDocument,
  toQuestionSetDocument,
} from '@slimste/protocol';
import type { Logger } from 'pino';
import { ApiError, badRequest, notFound } from '../common/api-error.js';
import { randomId } from '../common/ids.js';
import { LOGGER } from '../logging/logger.js';
import {
  type QuestionSetRecord,
  QuestionSetRepository,
  type QuestionSetSummary,
} from '../repositories/question-set.repository.js';

export type QuestionSetView = QuestionSetSummary & { document: QuestionSetDocument };

export const DEFAULT_QUESTION_SET_ID = DEFAULT_DEMO_SET_ID;

/** Question sets: import, edit, export; the bundled demo sets are loaded at boot and read-only. */
@Injectable()
export class QuestionSetService {
  constructor(
    private readonly repository: QuestionSetRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async loadDemoSets(): Promise<void> {
    for (const set of demoSets) await this.repository.upsertBuiltin(set);
    this.logger.info({ sets: demoSets.map((s) => s.id) }, 'demo question sets loaded');
  }

  list(): Promise<QuestionSetSummary[]> {
    return this.repository.list();
  }

  /** A set with its document in the file format (`format`, `version`...), ready to edit and PUT back. */
  async get(id: string): Promise<QuestionSetView> {
    const { document, ...meta } = await this.stored(id);
    return { ...meta, document: toQuestionSetDocument(document) };
  }

  async export(id: string): Promise<QuestionSetDocument> {
    return toQuestionSetDocument((await this.stored(id)).document);
  }

  /** Imports a document; its id is kept when free, else (or when absent) a new one is made. */
  async create(document: unknown): Promise<QuestionSetView> {
    const set = this.parse(document);
    if (!set.id || (await this.repository.exists(set.id))) set.id = `set-${randomId(9)}`;
    await this.repository.insert(set);
    return this.get(set.id);
  }

  async update(id: string, document: unknown): Promise<QuestionSetView> {
    const existing = await this.stored(id);
    if (existing.builtin) {
      throw new ApiError(403, 'read_only', `"${id}" is a bundled demo set: import its export to get an editable copy`);
    }
    const set = this.parse(document);
    set.id = id;
    await this.repository.update(set);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const existing = await this.stored(id);
    if (existing.builtin) throw new ApiError(403, 'read_only', `"${id}" is a bundled demo set and cannot be deleted`);
    await this.repository.delete(id);
  }

  private async stored(id: string): Promise<QuestionSetRecord> {
    const record = await this.repository.get(id);
    if (!record) throw notFound(`no question set "${id}"`);
    return record;
  }

  private parse(document: unknown): QuestionSet {
    const parsed = parseQuestionSet(document);
    if (!parsed.ok) {
      throw badRequest('invalid_question_set', parsed.errors.slice(0, 5).join('; '), parsed.errors);
    }
    return parsed.value;
  }
}
