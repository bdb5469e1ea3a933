import { Body, Controller, Delete, Get, HttpCode, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, writeStream } from '@hearth/common';
import { AccountService } from './account.service';
import { DeleteAccountDto } from './dto/delete-account.dto';

const day = () => new Date().toISOString().slice(0, 10);

const tooMany = { status: 429, description: 'An export of mine is already running, or too many are running on this instance' };

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get('export')
  @ApiOperation({ summary: 'Download everything Hearth holds about me, as JSON (streamed; sections from every part of Hearth)' })
  @ApiProduces('application/json')
  @ApiResponse(tooMany)
  @ApiOkResponse({
    description: '`{ format, exportedAt, userId, sections: { account: [...], messages: [...], recoveryGoals: [...], … } }`',
    schema: { type: 'object', properties: { format: { type: 'string' }, exportedAt: { type: 'string' }, userId: { type: 'string' }, sections: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object' } } } } },
  })
  async exportJson(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const slot = this.account.acquireExportSlot(user);
    try {
      await this.account.recordExport(user, 'json');
      res.status(200);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="hearth-export-${day()}.json"`);
      res.setHeader('Cache-Control', 'no-store');
      await writeStream(res, this.account.exportJson(user));
    } finally {
      slot.release();
    }
  }

  @Get('export.html')
  @ApiOperation({ summary: 'The same export as a readable HTML page (every value escaped, no scripts)' })
  @ApiProduces('text/html')
  @ApiResponse(tooMany)
  @ApiOkResponse({ schema: { type: 'string' } })
  async exportHtml(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const slot = this.account.acquireExportSlot(user);
    try {
      await this.account.recordExport(user, 'html');
      res.status(200);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="hearth-export-${day()}.html"`);
      res.setHeader('Cache-Control', 'no-store');
      // Nothing in the page may run or load anything, even if it were opened from this origin.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      await writeStream(res, this.account.exportHtml(user));
    } finally {
      slot.release();
    }
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete my account (password confirmed): every session and socket ends, my personal data is erased everywhere, my group messages are erased to tombstones or kept under "former member"',
  })
  @ApiNoContentResponse()
  delete(@CurrentUser() user: AuthUser, @Body() dto: DeleteAccountDto): Promise<void> {
    return this.account.deleteAccount(user, dto);
  }
}
