import { ApiProperty } from '@nestjs/swagger';

export class ReadModelStatusDto {
  @ApiProperty({ example: 'cycle-board' }) name: string;
  @ApiProperty({ example: '1520', description: 'global position of the last event it took in (a decimal string)' }) position: string;
  @ApiProperty({ description: "it still has an event up to the log's end to apply" }) behind: boolean;
}

export class ReadModelsDto {
  @ApiProperty({ example: '1523', description: 'the highest committed global position (a decimal string)' }) logEnd: string;
  @ApiProperty({ description: 'no read model is behind' }) current: boolean;
  @ApiProperty({ type: [ReadModelStatusDto] }) projections: ReadModelStatusDto[];
}

export const READ_MODELS_EXAMPLE: ReadModelsDto = {
  logEnd: '1523',
  current: false,
  projections: [
    { name: 'cycle-board', position: '1523', behind: false },
    { name: 'received-reports', position: '1490', behind: true },
  ],
};
