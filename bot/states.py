"""FSM states: only for free text. The state data holds ids, never texts or objects."""

from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    token = State()
    # After the first token: the WB shop's name (the seller is named after it).
    shop_name = State()


class EditDraft(StatesGroup):
    # data: interaction_id, draft_id (0 = the seller's own reply), chat_id + message_id of the card
    text = State()


class VoiceInput(StatesGroup):
    # data: field (signature | brand | banned), chat_id + message_id of the voice screen
    text = State()


class FactInput(StatesGroup):
    # data: interaction_id, kind
    text = State()


class ClaimComment(StatesGroup):
    # data: interaction_id, action, card_id (the card's message id in this chat)
    text = State()


class AnswerEdit(StatesGroup):
    # data: interaction_id (the card is the member's card of it)
    text = State()
