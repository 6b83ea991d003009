import { Module } from '@nestjs/common';
import { AppConfig } from '@kybaocao/config/config';
import { DocxFiles } from '@kybaocao/documents/docx-files';
import { PdfConverter } from '@kybaocao/documents/pdf-converter';
import { CyclesModule } from '../cycles/cycles.module';
import { FigureSources } from './figure-sources';
import { MissingUnits } from './missing-units';
import { ReceivedReports } from './received-reports';
import { ReportDeliveries } from './report-deliveries';
import { ReportDeliveriesController } from './report-deliveries.controller';
import { RegistersController } from './registers.controller';
import { FigureSourcesController, ReceivedReportsController } from './report-extras.controller';
import { ReportFigures } from './report-figures';
import { ReportRepository } from './report.repository';
import { ReportIssuanceController } from './report-issuance.controller';
import { ReportVersionsController } from './report-versions.controller';
import { ReportsController } from './reports.controller';
import { REPORT_USE_CASES, RollUpReport } from './usecases';

/** The cycle's report: its use cases, its stream and registers, the figures it is built on, PDF conversion. */
@Module({
  imports: [CyclesModule],
  controllers: [
    ReportsController,
    ReportIssuanceController,
    ReportVersionsController,
    RegistersController,
    FigureSourcesController,
    ReceivedReportsController,
    ReportDeliveriesController,
  ],
  providers: [
    ReportRepository,
    ReportFigures,
    FigureSources,
    MissingUnits,
    ReceivedReports,
    ReportDeliveries,
    ...REPORT_USE_CASES,
    { provide: PdfConverter, inject: [AppConfig], useFactory: (config: AppConfig) => new PdfConverter(config.pdf) },
    { provide: DocxFiles, inject: [AppConfig], useFactory: (config: AppConfig) => new DocxFiles(config.docx) },
  ],
  exports: [RollUpReport],
})
export class ReportsModule {}
