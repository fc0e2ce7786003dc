export-usage = Usage: /export or /export DAYS (1–{ $max }): a CSV of the items and replies of the last days.
export-empty = Nothing arrived in the last { $days } days.
export-caption = { $rows } items of the last { $days } days (CSV).
bot-cmd-export = Export to CSV
admin-filter-since = From
admin-filter-until = To
admin-export-csv = Export CSV
