import { LinkToDoc as LinkToDoc_2e9be70cd13299dd4a11a5bd739a5a3c } from '@payloadcms/plugin-stripe/client'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { CourseLessons as CourseLessons_6e4221c9c944b9b87f80942a05a78cd0 } from '../../../components/admin/courseBuilder/CourseLessons'
import { CoursePublishButton as CoursePublishButton_ca0cb6d2cd4e68e586328c77481126fd } from '../../../components/admin/courseBuilder/PublishButton'
import { StudentPreview as StudentPreview_370af41b876a5f5430f0b5364d25de6e } from '../../../components/admin/courseBuilder/StudentPreview'
import { LessonVideo as LessonVideo_30212de2dbb56245325fffce66ad0691 } from '../../../components/admin/courseBuilder/LessonVideo'
import { CorrectOption as CorrectOption_eb3fc641aa47558e95055bfff4845667 } from '../../../components/admin/courseBuilder/AnswerKey'
import { CorrectOptions as CorrectOptions_eb3fc641aa47558e95055bfff4845667 } from '../../../components/admin/courseBuilder/AnswerKey'
import { CohortManager as CohortManager_798132b944d308aa38af9f67e7a745e2 } from '../../../components/admin/cohorts/CohortManager'
import { Avatar as Avatar_ff2b3aef4ce7bf470d100ee3d53f4ed9 } from '../../../components/admin/Avatar'
import { Icon as Icon_3c1ca1e5d8578fae2e6ffc6817c2b018 } from '../../../components/admin/brand/Icon'
import { Logo as Logo_7437ce0231b5e4cebe7d43c1ff8171d3 } from '../../../components/admin/brand/Logo'
import { LanguageSync as LanguageSync_6f25a276fdb2d00a58f31436ec1ef919 } from '../../../components/admin/LanguageSync'
import { UpstreamA11y as UpstreamA11y_b73db4c3063f0e95d5bb16afb8e3e902 } from '../../../components/admin/UpstreamA11y'
import { EducatorSummary as EducatorSummary_a81473c26323f40051e0fe204bb92b19 } from '../../../components/admin/dashboard/educator'
import { EducatorRevenue as EducatorRevenue_a81473c26323f40051e0fe204bb92b19 } from '../../../components/admin/dashboard/educator'
import { EducatorTopCourses as EducatorTopCourses_a81473c26323f40051e0fe204bb92b19 } from '../../../components/admin/dashboard/educator'
import { EducatorAtRisk as EducatorAtRisk_a81473c26323f40051e0fe204bb92b19 } from '../../../components/admin/dashboard/educator'
import { EducatorLiveSessions as EducatorLiveSessions_a81473c26323f40051e0fe204bb92b19 } from '../../../components/admin/dashboard/educator'
import { InstitutionSummary as InstitutionSummary_327a4994a0cacf9937ba208a3022053d } from '../../../components/admin/dashboard/institution'
import { InstitutionCohorts as InstitutionCohorts_327a4994a0cacf9937ba208a3022053d } from '../../../components/admin/dashboard/institution'
import { PlatformTotals as PlatformTotals_e0edf8b86a05a67a0a9c32f2eaec383e } from '../../../components/admin/dashboard/admin'
import { Operations as Operations_e0edf8b86a05a67a0a9c32f2eaec383e } from '../../../components/admin/dashboard/admin'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/plugin-stripe/client#LinkToDoc": LinkToDoc_2e9be70cd13299dd4a11a5bd739a5a3c,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/components/admin/courseBuilder/CourseLessons#CourseLessons": CourseLessons_6e4221c9c944b9b87f80942a05a78cd0,
  "/components/admin/courseBuilder/PublishButton#CoursePublishButton": CoursePublishButton_ca0cb6d2cd4e68e586328c77481126fd,
  "/components/admin/courseBuilder/StudentPreview#StudentPreview": StudentPreview_370af41b876a5f5430f0b5364d25de6e,
  "/components/admin/courseBuilder/LessonVideo#LessonVideo": LessonVideo_30212de2dbb56245325fffce66ad0691,
  "/components/admin/courseBuilder/AnswerKey#CorrectOption": CorrectOption_eb3fc641aa47558e95055bfff4845667,
  "/components/admin/courseBuilder/AnswerKey#CorrectOptions": CorrectOptions_eb3fc641aa47558e95055bfff4845667,
  "/components/admin/cohorts/CohortManager#CohortManager": CohortManager_798132b944d308aa38af9f67e7a745e2,
  "/components/admin/Avatar#Avatar": Avatar_ff2b3aef4ce7bf470d100ee3d53f4ed9,
  "/components/admin/brand/Icon#Icon": Icon_3c1ca1e5d8578fae2e6ffc6817c2b018,
  "/components/admin/brand/Logo#Logo": Logo_7437ce0231b5e4cebe7d43c1ff8171d3,
  "/components/admin/LanguageSync#LanguageSync": LanguageSync_6f25a276fdb2d00a58f31436ec1ef919,
  "/components/admin/UpstreamA11y#UpstreamA11y": UpstreamA11y_b73db4c3063f0e95d5bb16afb8e3e902,
  "/components/admin/dashboard/educator#EducatorSummary": EducatorSummary_a81473c26323f40051e0fe204bb92b19,
  "/components/admin/dashboard/educator#EducatorRevenue": EducatorRevenue_a81473c26323f40051e0fe204bb92b19,
  "/components/admin/dashboard/educator#EducatorTopCourses": EducatorTopCourses_a81473c26323f40051e0fe204bb92b19,
  "/components/admin/dashboard/educator#EducatorAtRisk": EducatorAtRisk_a81473c26323f40051e0fe204bb92b19,
  "/components/admin/dashboard/educator#EducatorLiveSessions": EducatorLiveSessions_a81473c26323f40051e0fe204bb92b19,
  "/components/admin/dashboard/institution#InstitutionSummary": InstitutionSummary_327a4994a0cacf9937ba208a3022053d,
  "/components/admin/dashboard/institution#InstitutionCohorts": InstitutionCohorts_327a4994a0cacf9937ba208a3022053d,
  "/components/admin/dashboard/admin#PlatformTotals": PlatformTotals_e0edf8b86a05a67a0a9c32f2eaec383e,
  "/components/admin/dashboard/admin#Operations": Operations_e0edf8b86a05a67a0a9c32f2eaec383e,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
