/** The kinds of phone and email a contact can have, how they like to be reached, and where they use the app. */
export const PHONE_TYPES = ['mobile', 'home', 'work', 'fax', 'other'] as const;
export const EMAIL_TYPES = ['personal', 'work', 'other'] as const;
export const CHANNELS = ['sms', 'email', 'phone', 'mail'] as const;
export const APP_PLATFORMS = ['ios', 'android', 'web'] as const;

export type PhoneType = (typeof PHONE_TYPES)[number];
export type EmailType = (typeof EMAIL_TYPES)[number];
export type Channel = (typeof CHANNELS)[number];
export type AppPlatform = (typeof APP_PLATFORMS)[number];
/** Per channel, whether the contact asked not to be contacted that way. */
export type DoNotContact = Partial<Record<Channel, boolean>>;
