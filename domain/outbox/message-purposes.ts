// Why a message is sent. Each purpose has its templates (views/outbox/messages/<purpose>.{text,html,sms}.eta)
// and may have its own SMS sending window (SMS_HOURS_BY_PURPOSE). Portal links, bundles, reminders and forms add theirs.
export const MESSAGE_PURPOSES = ['staff-message', 'bundle-ready', 'portal-link', 'portal-reply', 'portal-reminder', 'appointment-reminder', 'task-reminder', 'form-reminder', 'intake-form', 'portal-code'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

export const PURPOSE_LABELS: Record<MessagePurpose, string> = {
  'staff-message': 'Message from staff',
  'bundle-ready': 'Download All link (to staff)',
  'portal-link': 'Portal link',
  'portal-reply': 'New portal message',
  'portal-reminder': 'Portal link expiring',
  'appointment-reminder': 'Appointment reminder',
  'task-reminder': 'Task reminder',
  'form-reminder': 'Form reminder',
  'intake-form': 'Intake form (to someone new)',
  'portal-code': 'Portal one-time code',
};
