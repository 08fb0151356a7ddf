-- How a person hears of the deliberations they follow: by email, or by
-- short SMS-style messages (the outbox's `sms` channel). People with a
-- phone and no email get SMS whatever this says.
ALTER TABLE notification_setting ADD COLUMN channel TEXT NOT NULL DEFAULT 'email'
    CONSTRAINT notification_setting_channel_check CHECK (channel IN ('email', 'sms'));
