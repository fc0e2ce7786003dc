wb-check-title = WB API contract check ({ $feedbacks_url }, { $chat_url }), token { $token }
wb-check-token-malformed = The token is not a JWT: WB will refuse it.
wb-check-token-info = Token covers: { $scopes }; expires { $expires }{ $read_only ->
    [yes] , read-only
   *[no] {""}
}
wb-check-token-expired = The token expired on { $expires }.
wb-check-scopes-unknown = unknown (no category mask in the token)
wb-check-never = never
wb-check-channel-ok = ✓ { $name }: { $items } items parsed
wb-check-channel-denied = ✗ { $name }: the token has no access ({ $error })
wb-check-channel-error = ✗ { $name }: { $error }
wb-check-channel-malformed = ✗ { $name }: { $malformed } of { $items } items do not match our models
wb-check-unknown-fields = {"  "}new fields from WB: { $fields }
wb-check-missing-fields = {"  "}fields we know but WB did not send: { $fields }
wb-check-result-ok = All checks passed.
wb-check-result-failed = Some checks failed.
