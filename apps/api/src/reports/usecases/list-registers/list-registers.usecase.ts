import { Injectable } from '@nestjs/common';
import { Actor, authorize } from '../../../common/actor';
import { ReportRepository } from '../../report.repository';

/** The numbering registers (sổ đăng ký văn bản đi): every number issued, by register. */
@Injectable()
export class ListRegisters {
  constructor(private readonly reports: ReportRepository) {}

  async execute(actor: Actor) {
    authorize(actor, 'registers.read');
    return this.reports.registers();
  }
}
