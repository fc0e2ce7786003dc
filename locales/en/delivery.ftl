# A tap the bot could not handle (a failure on our side): the button's spinner ends with this instead of spinning.
bot-tap-again = ⚠️ That did not go through. Please tap the button again.
