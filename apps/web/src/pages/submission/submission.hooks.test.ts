import { DAN_VAN_ANNUAL_TEMPLATE } from '@domain/templates/dan-van-annual.template';
import { toReportTemplate } from './submission.hooks';

describe('the template from the API', () => {
  it("maps GET /templates/:id's TemplateDto onto the domain's ReportTemplate field for field", () => {
    const dto = JSON.parse(JSON.stringify(DAN_VAN_ANNUAL_TEMPLATE));
    expect(toReportTemplate(dto)).toEqual(dto);
  });
});
