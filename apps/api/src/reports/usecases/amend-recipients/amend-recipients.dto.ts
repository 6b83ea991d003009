import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Nfc } from '../../../common/nfc';

const PURPOSES = ['b/c', 'đ/b', 't/d'] as const;
const NOT_BLANK = /\S/u;

/** One Nơi nhận line: a registry line (unitIds: distribution delivers to each) or a free line for a body outside the registry. */
export class RecipientLineDto {
  @ApiProperty({ example: 'Sở Nội vụ', maxLength: 200 })
  @Nfc()
  @IsString()
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional({ enum: PURPOSES, description: 'b/c báo cáo, đ/b để biết, t/d theo dõi; absent: none' })
  @IsOptional()
  @Nfc()
  @IsIn(PURPOSES as unknown as string[], { message: 'purpose must be one of b/c, đ/b, t/d' })
  purpose?: (typeof PURPOSES)[number];
  @ApiPropertyOptional({ type: [String], example: ['hnd-tam-duong'], description: 'registry units of this line; absent for a free line' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  unitIds?: string[];
}

/** Nơi nhận and the Lưu line as the clerk finalises them at issuance (the signed body is not touched). */
export class AmendRecipientsDto {
  @ApiProperty({ type: [RecipientLineDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RecipientLineDto)
  recipients: RecipientLineDto[];
  @ApiProperty({ type: [String], example: ['Văn phòng Huyện ủy'], description: 'the places of the Lưu line' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Nfc()
  @IsString({ each: true })
  @Matches(NOT_BLANK, { each: true, message: 'archive entries must not be blank' })
  @MaxLength(200, { each: true })
  archive: string[];
  @ApiPropertyOptional({ example: 'Bổ sung Sở Nội vụ theo chỉ đạo của Thường trực' })
  @IsOptional()
  @Nfc()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
