import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Nfc } from '../common/nfc';
import { ISO_DATE, dateMessage } from './cycle-parts.dto';
import { UnitAssignmentDto } from './cycle-open.dto';

export class AssignUnitsDto {
  @ApiProperty({
    type: [UnitAssignmentDto],
    example: [{ unitId: 'ldld-tam-duong' }, { unitId: 'du-xa-sung-phai', deadline: '2026-12-16' }],
  })
  @IsArray({ message: 'units must be a list' })
  @ArrayMinSize(1, { message: 'units must contain at least one unit' })
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => UnitAssignmentDto)
  units: UnitAssignmentDto[];
}

export class ExtendDeadlineDto {
  @ApiProperty({ example: '2026-12-18' })
  @Matches(ISO_DATE, dateMessage('newDeadline'))
  newDeadline: string;

  @ApiProperty({ example: 'Đơn vị đề nghị gia hạn do tổ chức Đại hội.' })
  @Nfc()
  @IsString()
  @IsNotEmpty({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}

export class AdvancePhaseDto {
  @ApiProperty({ enum: ['collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed'] })
  @IsIn(['collecting', 'commenting', 'signing', 'distributing', 'closed'], {
    message:
      'to must be the next phase: collecting, commenting, signing, distributing or closed (close the submission window with POST …/close-submissions)',
  })
  to: 'collecting' | 'commenting' | 'signing' | 'distributing' | 'closed';
}
