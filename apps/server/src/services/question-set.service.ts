import { Inject, Injectable } from '@nestjs/common';
import type { QuestionSet } from '@slimste/engine';
import { DEFAULT_DEMO_SET_ID, demoSets, parseQuestionSet, toQuestionSetDocument } from '@slimste/protocol';
import type { Logger } from 'pino';
import { ApiError, badRequest, notFound } from '../common/api-error.js';
import { randomId } from '../common/ids.js';
import { LOGGER } from '../logging/logger.js';
import {
  type QuestionSetRecord,
  QuestionSetRepository,
  type QuestionSetSummary,
} from '../repositories/question-set.repository.js';

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

  async get(id: string): Promise<QuestionSetRecord> {
    const record = await this.repository.get(id);
    if (!record) throw notFound(`no question set "${id}"`);
    return record;
  }

  async export(id: string): Promise<ReturnType<typeof toQuestionSetDocument>> {
    return toQuestionSetDocument((await this.get(id)).document);
  }

  /** Imports a document; its id is kept when free, else (or when absent) a new one is made. */
  async create(document: unknown): Promise<QuestionSetRecord> {
    const set = this.parse(document);
    if (!set.id || (await this.repository.exists(set.id))) set.id = `set-${randomId(9)}`;
    await this.repository.insert(set);
    return this.get(set.id);
  }

  async update(id: string, document: unknown): Promise<QuestionSetRecord> {
    const existing = await this.get(id);
    if (existing.builtin) {
      throw new ApiError(403, 'read_only', `"${id}" is a bundled demo set: import its export to get an editable copy`);
    }
    const set = this.parse(document);
    set.id = id;
    await this.repository.update(set);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const existing = await this.get(id);
    if (existing.builtin) throw new ApiError(403, 'read_only', `"${id}" is a bundled demo set and cannot be deleted`);
    await this.repository.delete(id);
  }

  private parse(document: unknown): QuestionSet {
    const parsed = parseQuestionSet(document);
    if (!parsed.ok) {
      throw badRequest('invalid_question_set', parsed.errors.slice(0, 5).join('; '), parsed.errors);
    }
    return parsed.value;
  }
}
