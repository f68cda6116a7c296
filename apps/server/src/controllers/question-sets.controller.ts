import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SET_LIST_PAGE_DEFAULT, SET_LIST_PAGE_MAX, setListQuerySchema } from '@slimste/protocol';
import type { Response } from 'express';
import { ClientCreator } from '../common/client-creator.decorator.js';
import { IdParam } from '../common/id-param.pipe.js';
import { parseBody } from '../common/zod-body.js';
import { QuestionSetService } from '../services/question-set.service.js';

const documentBody = {
  description: 'A question set document (format "slimste.question-set", version 1)',
  schema: { type: 'object' },
} as const;

/** The bearer rule, said once for every route that reads or changes a set. */
const OWNER_ONLY =
  'Needs `Authorization: Bearer <token>`: the edit token returned when the set was imported, or the ' +
  "operator's ADMIN_TOKEN. 401 without a bearer, 403 with a token that does not open this set.";

@ApiTags('question-sets')
@Controller('api/question-sets')
export class QuestionSetsController {
  constructor(private readonly sets: QuestionSetService) {}

  @Get()
  @ApiOperation({
    summary: 'List question sets: metadata and counts only (public), a page at a time',
    description:
      'Each item: { id, title, language, builtIn, counts: { threeSixNine, openDoor, ... }, updatedAt }; the demo sets ' +
      `first, then by title. \`limit\` (1..${SET_LIST_PAGE_MAX}, default ${SET_LIST_PAGE_DEFAULT}) sets from \`offset\`; ` +
      '`X-Total-Count` says how many there are, `Link: <…>; rel="next"` names the next page while there is one.',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer' } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer' } })
  @ApiResponse({ status: 400, description: '`limit` or `offset` out of range, or not a whole number (invalid_range)' })
  async list(@Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const page = parseBody(setListQuerySchema, query, 'invalid_range');
    const { items, total } = await this.sets.list(page);
    res.setHeader('X-Total-Count', String(total));
    const next = page.offset + items.length;
    if (items.length > 0 && next < total) {
      res.setHeader('Link', `</api/question-sets?limit=${page.limit}&offset=${next}>; rel="next"`);
    }
    return items;
  }

  @Get(':id')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'One question set with its document, answers included',
    description: `${OWNER_ONLY} The bundled demo sets are public.`,
  })
  @ApiResponse({ status: 401, description: 'no bearer token (unauthorized)' })
  @ApiResponse({ status: 403, description: 'a token that does not open this set (forbidden)' })
  get(@Param('id', IdParam) id: string, @Headers('authorization') authorization: string | undefined) {
    return this.sets.get(id, authorization);
  }

  @Get(':id/export')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Download the question set as a JSON document',
    description: `${OWNER_ONLY} The bundled demo sets are public.`,
  })
  @ApiResponse({ status: 401, description: 'no bearer token (unauthorized)' })
  @ApiResponse({ status: 403, description: 'a token that does not open this set (forbidden)' })
  async export(
    @Param('id', IdParam) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ) {
    const document = await this.sets.export(id, authorization);
    const filename = `${id.replace(/[^\w.-]/g, '_')}.json`;
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.type('application/json').send(JSON.stringify(document, null, 2));
  }

  @Post()
  @ApiOperation({
    summary: 'Import a question set document; 400 lists each problem with its path',
    description:
      'Anyone may import. 201 returns the set and its `editToken`, shown this once: keep it, it is the bearer ' +
      'for reading, exporting, editing, deleting and creating games with this set.',
  })
  @ApiBody(documentBody)
  @ApiResponse({ status: 201, description: '{ id, title, language, builtIn, document, editToken, ... }' })
  create(@Body() body: unknown, @ClientCreator() creator: string) {
    return this.sets.create(body, creator);
  }

  @Put(':id')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Replace a question set; the demo sets are read-only (403 read_only)',
    description: OWNER_ONLY,
  })
  @ApiBody(documentBody)
  @ApiResponse({ status: 401, description: 'no bearer token (unauthorized)' })
  @ApiResponse({ status: 403, description: 'a demo set (read_only) or a token that does not open this set' })
  update(
    @Param('id', IdParam) id: string,
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
  ) {
    return this.sets.update(id, body, authorization);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Delete a question set; games already created keep their copy',
    description: OWNER_ONLY,
  })
  @ApiResponse({ status: 401, description: 'no bearer token (unauthorized)' })
  @ApiResponse({ status: 403, description: 'a demo set (read_only) or a token that does not open this set' })
  async delete(@Param('id', IdParam) id: string, @Headers('authorization') authorization: string | undefined) {
    await this.sets.delete(id, authorization);
  }
}
