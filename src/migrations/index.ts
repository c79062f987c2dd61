import * as migration_20261126_123544_initial from './20261126_123544_initial';
import * as migration_20261126_124237_learning_core from './20261126_124237_learning_core';
import * as migration_20261126_125123_certificates_jobs from './20261126_125123_certificates_jobs';
import * as migration_20261126_130905_video_live from './20261126_130905_video_live';
import * as migration_20261126_131158_communities from './20261126_131158_communities';
import * as migration_20261126_131813_certificates_outlive_courses from './20261126_131813_certificates_outlive_courses';
import * as migration_20261126_133638_communities_no_edit_locks from './20261126_133638_communities_no_edit_locks';
import * as migration_20261204_184546_outbox from './20261204_184546_outbox';
import * as migration_20261204_190615_community_edit_locks from './20261204_190615_community_edit_locks';
import * as migration_20261204_195211_access_indexes from './20261204_195211_access_indexes';
import * as migration_20261205_071227_payments from './20261205_071227_payments';
import * as migration_20261205_074019_analytics from './20261205_074019_analytics';
import * as migration_20261205_080614_ai_events from './20261205_080614_ai_events';
import * as migration_20261205_122822_outbox_request_id from './20261205_122822_outbox_request_id';
import * as migration_20261205_123144_enrollments_educator from './20261205_123144_enrollments_educator';
import * as migration_20261205_191428_audit_log from './20261205_191428_audit_log';
import * as migration_20261206_020049_enrollments_institution from './20261206_020049_enrollments_institution';
import * as migration_20261206_020451_course_reviews from './20261206_020451_course_reviews';
import * as migration_20261206_021753_quiz_types_banks from './20261206_021753_quiz_types_banks';
import * as migration_20261206_030000_course_counters_in_versions from './20261206_030000_course_counters_in_versions';
import * as migration_20261206_183504_user_invitations from './20261206_183504_user_invitations';
import * as migration_20261206_220000_user_change_notifications from './20261206_220000_user_change_notifications';

export const migrations = [
  {
    up: migration_20261126_123544_initial.up,
    down: migration_20261126_123544_initial.down,
    name: '20261126_123544_initial',
  },
  {
    up: migration_20261126_124237_learning_core.up,
    down: migration_20261126_124237_learning_core.down,
    name: '20261126_124237_learning_core',
  },
  {
    up: migration_20261126_125123_certificates_jobs.up,
    down: migration_20261126_125123_certificates_jobs.down,
    name: '20261126_125123_certificates_jobs',
  },
  {
    up: migration_20261126_130905_video_live.up,
    down: migration_20261126_130905_video_live.down,
    name: '20261126_130905_video_live',
  },
  {
    up: migration_20261126_131158_communities.up,
    down: migration_20261126_131158_communities.down,
    name: '20261126_131158_communities',
  },
  {
    up: migration_20261126_131813_certificates_outlive_courses.up,
    down: migration_20261126_131813_certificates_outlive_courses.down,
    name: '20261126_131813_certificates_outlive_courses',
  },
  {
    up: migration_20261126_133638_communities_no_edit_locks.up,
    down: migration_20261126_133638_communities_no_edit_locks.down,
    name: '20261126_133638_communities_no_edit_locks',
  },
  {
    up: migration_20261204_184546_outbox.up,
    down: migration_20261204_184546_outbox.down,
    name: '20261204_184546_outbox',
  },
  {
    up: migration_20261204_190615_community_edit_locks.up,
    down: migration_20261204_190615_community_edit_locks.down,
    name: '20261204_190615_community_edit_locks',
  },
  {
    up: migration_20261204_195211_access_indexes.up,
    down: migration_20261204_195211_access_indexes.down,
    name: '20261204_195211_access_indexes',
  },
  {
    up: migration_20261205_071227_payments.up,
    down: migration_20261205_071227_payments.down,
    name: '20261205_071227_payments',
  },
  {
    up: migration_20261205_074019_analytics.up,
    down: migration_20261205_074019_analytics.down,
    name: '20261205_074019_analytics',
  },
  {
    up: migration_20261205_080614_ai_events.up,
    down: migration_20261205_080614_ai_events.down,
    name: '20261205_080614_ai_events',
  },
  {
    up: migration_20261205_122822_outbox_request_id.up,
    down: migration_20261205_122822_outbox_request_id.down,
    name: '20261205_122822_outbox_request_id',
  },
  {
    up: migration_20261205_123144_enrollments_educator.up,
    down: migration_20261205_123144_enrollments_educator.down,
    name: '20261205_123144_enrollments_educator',
  },
  {
    up: migration_20261205_191428_audit_log.up,
    down: migration_20261205_191428_audit_log.down,
    name: '20261205_191428_audit_log',
  },
  {
    up: migration_20261206_020049_enrollments_institution.up,
    down: migration_20261206_020049_enrollments_institution.down,
    name: '20261206_020049_enrollments_institution',
  },
  {
    up: migration_20261206_020451_course_reviews.up,
    down: migration_20261206_020451_course_reviews.down,
    name: '20261206_020451_course_reviews',
  },
  {
    up: migration_20261206_021753_quiz_types_banks.up,
    down: migration_20261206_021753_quiz_types_banks.down,
    name: '20261206_021753_quiz_types_banks',
  },
  {
    up: migration_20261206_030000_course_counters_in_versions.up,
    down: migration_20261206_030000_course_counters_in_versions.down,
    name: '20261206_030000_course_counters_in_versions',
  },
  {
    up: migration_20261206_183504_user_invitations.up,
    down: migration_20261206_183504_user_invitations.down,
    name: '20261206_183504_user_invitations'
  },
  {
    up: migration_20261206_220000_user_change_notifications.up,
    down: migration_20261206_220000_user_change_notifications.down,
    name: '20261206_220000_user_change_notifications',
  },
];
