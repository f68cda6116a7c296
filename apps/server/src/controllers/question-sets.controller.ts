import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { QuestionSetService } from '../services/question-set.service.js';

const documentBody = {
  description: 'A question set document (format "slimste.question-set", version 1)',
  schema: { type: 'object' },
} as const;

@ApiTags('question-sets')
@Controller('api/question-sets')
export class QuestionSetsController {
  constructor(private readonly sets: QuestionSetService) {}

  @Get()
  @ApiOperation({ summary: 'List question sets (without their questions)' })
  list() {
    return this.sets.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One question set with its document' })
  get(@Param('id') id: string) {
    return this.sets.get(id);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Download the question set as a JSON document' })
  async export(@Param('id') id: string, @Res() res: Response) {
    const document = await this.sets.export(id);
    const filename = `${id.replace(/[^\w.-]/g, '_')}.json`;
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.type('application/json').send(JSON.stringify(document, null, 2));
  }

  @Post()
  @ApiOperation({ summary: 'Import a question set document; 400 lists each problem with its path' })
  @ApiBody(documentBody)
  create(@Body() body: unknown) {
    return this.sets.create(body);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a question set; the demo sets are read-only (403)' })
  @ApiBody(documentBody)
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.sets.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a question set; games already created keep their copy' })
  async delete(@Param('id') id: string) {
    await this.sets.delete(id);
  }
}
