import { Inject, Injectable } from '@nestjs/common';
import type { QuestionSet } from '@slimste/engine';
import {
  type CreatedQuestionSet,
  DEFAULT_DEMO_SET_ID,
  demoSets,
  parseQuestionSet,
  type QuestionSetDocument,
  type QuestionSetListItem,
  type QuestionSetRecord as QuestionSetView,
  toQuestionSetDocument,
} from '@slimste/protocol';
import type { Logger } from 'pino';
import { ApiError, badRequest, notFound } from '../common/api-error.js';
import { randomId } from '../common/ids.js';
import { LOGGER } from '../logging/logger.js';
import { type QuestionSetRecord, QuestionSetRepository } from '../repositories/question-set.repository.js';
import { hashToken } from '../repositories/token.repository.js';
import { QuestionSetAccess } from './question-set-access.js';
import { StorageQuotas } from './storage-quotas.js';

export const DEFAULT_QUESTION_SET_ID = DEFAULT_DEMO_SET_ID;

/** 192 random bits, like the game tokens. */
const EDIT_TOKEN_BYTES = 24;

/**
 * Question sets: import, edit, export. The bundled demo sets are loaded at boot, public and
 * read-only; every other set opens only with its edit token (or ADMIN_TOKEN): its answers are secret.
 * `authorization` is the request's Authorization header.
 */
@Injectable()
export class QuestionSetService {
  constructor(
    private readonly repository: QuestionSetRepository,
    private readonly access: QuestionSetAccess,
    private readonly quotas: StorageQuotas,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async loadDemoSets(): Promise<void> {
    for (const set of demoSets) await this.repository.upsertBuiltin(set);
    this.logger.info({ sets: demoSets.map((s) => s.id) }, 'demo question sets loaded');
  }

  /** Public: metadata and counts, no question and no answer. */
  /** One page of the list, and how many sets there are in all. */
  async list(page: { limit: number; offset: number }): Promise<{ items: QuestionSetListItem[]; total: number }> {
    const [items, total] = await Promise.all([this.repository.list(page), this.repository.count()]);
    return { items, total };
  }

  /** A set with its document in the file format (`format`, `version`...), ready to edit and PUT back. */
  async get(id: string, authorization: string | undefined): Promise<QuestionSetView> {
    const record = await this.stored(id);
    this.access.requireReader(record, authorization);
    return this.view(record);
  }

  async export(id: string, authorization: string | undefined): Promise<QuestionSetDocument> {
    const record = await this.stored(id);
    this.access.requireReader(record, authorization);
    return toQuestionSetDocument(record.document);
  }

  /**
   * Imports a document; its id is kept when free, else (or when absent) a new one is made. The edit
   * token is in this answer only: the server keeps its hash.
   */
  async create(document: unknown, creator: string | null = null): Promise<CreatedQuestionSet> {
    const set = this.parse(document);
    await this.quotas.requireRoomForSet(creator);
    if (!set.id || (await this.repository.exists(set.id))) set.id = `set-${randomId(9)}`;
    const editToken = randomId(EDIT_TOKEN_BYTES);
    await this.repository.insert(set, { editTokenHash: hashToken(editToken), createdBy: creator });
    this.logger.info({ questionSetId: set.id }, 'question set imported');
    return { ...this.view(await this.stored(set.id)), editToken };
  }

  async update(id: string, document: unknown, authorization: string | undefined): Promise<QuestionSetView> {
    const existing = await this.stored(id);
    if (existing.builtIn) {
      throw new ApiError(403, 'read_only', `"${id}" is a bundled demo set: import its export to get an editable copy`);
    }
    this.access.requireOwner(existing, authorization);
    const set = this.parse(document);
    set.id = id;
    await this.repository.update(set);
    return this.view(await this.stored(id));
  }

  async delete(id: string, authorization: string | undefined): Promise<void> {
    const existing = await this.stored(id);
    if (existing.builtIn) throw new ApiError(403, 'read_only', `"${id}" is a bundled demo set and cannot be deleted`);
    this.access.requireOwner(existing, authorization);
    await this.repository.delete(id);
  }

  private view({ document, editTokenHash: _, ...meta }: QuestionSetRecord): QuestionSetView {
    return { ...meta, document: toQuestionSetDocument(document) };
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
