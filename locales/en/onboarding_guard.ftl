bot-token-not-a-token = ❌ This is not a WB token. Copy the token from the WB cabinet (Settings → API access) and send it as it is.
