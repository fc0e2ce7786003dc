summary-settings = 📋 Send me the summary (received, answered, SLA met, top topics) at 09:00 in your time zone:
summary-every-off = Off
summary-every-daily = Daily
summary-every-weekly = Weekly (Monday)
summary-yesterday = Yesterday
summary-last-week = Last week
