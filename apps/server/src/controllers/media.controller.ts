import { Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../common/api-error.js';
import { MAX_UPLOAD_BYTES } from '../media/media-type.js';
import { MediaService } from '../services/media.service.js';

const UPLOAD_LIMITS = { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 };

@ApiTags('media')
@Controller('api/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload an image (svg, png, jpeg, webp, gif), sound (mp3, ogg, wav) or video (mp4, webm), at most 10 MB',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  // One file and nothing else: multer keeps other fields in memory, so their number and size are capped.
  @UseInterceptors(FileInterceptor('file', { limits: UPLOAD_LIMITS }))
  upload(@UploadedFile() file: { buffer: Buffer; originalname: string } | undefined) {
    if (!file) throw badRequest('no_file', 'send the file as multipart/form-data field "file"');
    return this.media.store(file.buffer, file.originalname);
  }
}
