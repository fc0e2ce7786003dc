"""Guardrails: quality on the adversarial corpus (issue 28) and throughput, one process.

Run: `.venv/bin/python bench/guardrails.py [--texts 10000] [--rounds 5] [--control-commit 20a8b4f]`.

1. Quality: `tests/data/guardrails_bad.jsonl` (must be blocked) and `tests/data/guardrails_clean.jsonl` plus the
   drafting templates' own output rendered now (must pass), built by `bench/guardrails_corpus.py`. Prints the block
   rate on bad and the pass rate on clean, for the tuning and the held-out split, and the same figures for two
   negative controls: a checker that passes everything, and the guardrails as they were before issue 28 (loaded
   from git at `--control-commit`: the phrase dictionary and the old link/phone/e-mail patterns).
2. Throughput: texts/s of `check_text` on one core (CPU time, best round) over the corpus, and over a
   deterministic mixed corpus of 10 000 reply texts (Russian and English, clean and violating, short chat lines
   and long review answers, all channels, with and without a buyer text and extra phrases).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from core.guardrails import GuardrailContext, check_text
from core.models.enums import Channel

RU_OPEN = ("Здравствуйте!", "Добрый день!", "Здравствуйте, Анна!", "Спасибо за ваш отзыв!", "Благодарим за покупку!")
RU_BODY = (
    "Нам очень приятно, что платье подошло по размеру и понравилось качество ткани.",
    "Мы внимательно проверяем каждую партию на складе перед отправкой.",
    "Рекомендуем стирать изделие при температуре не выше 30 градусов и не отжимать в машинке.",
    "Размерная сетка указана в карточке товара, там же есть замеры по длине и обхвату груди.",
    "Жаль, что доставка заняла больше времени, чем вы рассчитывали.",
    "Мы передали ваши замечания о фурнитуре технологу, в следующей партии молнии будут прочнее.",
    "Цвет на фотографиях может немного отличаться из-за настроек экрана.",
    "Кроссовки лучше брать на полразмера больше, если у вас широкая стопа.",
    "Упаковку мы уже заменили на более плотную, чтобы коробки не мялись в пути.",
    "Будем рады видеть вас снова среди наших покупателей.",
    "Пожалуйста, уточните, какой размер вы обычно носите, и мы подскажем подходящий.",
    "Ткань плотная, не просвечивает и почти не мнётся после стирки.",
)
RU_CLOSE = ("Хорошего дня!", "С уважением, команда магазина.", "Всего доброго!", "Ждём вас снова!")
EN_OPEN = ("Hello!", "Hi Anna,", "Thank you for your feedback!", "Good afternoon!")
EN_BODY = (
    "We are glad the jacket fits well and keeps you warm.",
    "Every batch is checked at our warehouse before it ships.",
    "Please wash the item at 30 degrees and do not tumble dry.",
    "The size chart in the product card lists all measurements.",
    "We are sorry the delivery took longer than expected.",
    "Your comments about the zipper have been passed to our production team.",
    "Colours may look slightly different depending on your screen.",
    "We hope to see you again soon.",
)
EN_CLOSE = ("Best regards, the shop team.", "Have a great day!", "Kind regards.")
VIOLATIONS = (
    "Этот ответ подготовила нейросеть.",
    "Ответ сгенерирован ИИ.",
    "Я не б0т, а н е й р о с е т ь.",
    "Вернём деньги, если измените отзыв на пять звёзд.",
    "Подарок за положительный отзыв!",
    "Удалите, пожалуйста, ваш отзыв, а мы вернём деньги.",
    "Вы сами виноваты, надо было читать описание.",
    "Обратитесь в службу поддержки Wildberries.",
    "Пишите нам в т.е.л.е.г.р.а.м @shop_help или на shop@mail.ru.",
    "Звоните: +7 (916) 123-45-67.",
    "Подробности на нашем сайте shop-example.ru/sale.",
    "ВЫ НЕПРАВИЛЬНО ИСПОЛЬЗОВАЛИ ТОВАР!!!",
    "Оформите возврат через личный кабинет.",
    "нeйpoсеть ответила за нас",
    "This reply was written by an AI language model.",
    "We will give you a discount for a 5-star review.",
    "Please contact our support team at help@example.com.",
    "It is your own fault, you did not read the description.",
    "Message us on WhatsApp: +44 20 7946 0958.",
)
BUYER_TEXTS = ("", "Пришёл брак, хочу вернуть деньги.", "Всё отлично, спасибо!", "Size is too small, refund?")


def corpus(size: int, seed: int = 20240601) -> list[tuple[str, Channel, GuardrailContext]]:
    """`size` deterministic (text, channel, context) triples."""
    rng = random.Random(seed)
    items = []
    for i in range(size):
        english = rng.random() < 0.3
        opening, body, closing = (EN_OPEN, EN_BODY, EN_CLOSE) if english else (RU_OPEN, RU_BODY, RU_CLOSE)
        channel = rng.choice((Channel.REVIEW, Channel.REVIEW, Channel.QUESTION, Channel.CHAT))
        count = (
            rng.choice((1, 2, 3, 4, 6)) if channel == Channel.CHAT else rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 8, 12, 25))
        )
        parts = [rng.choice(opening), *rng.choices(body, k=count), rng.choice(closing)]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(1, len(parts)), rng.choice(VIOLATIONS))
        extra = ("конкурент*", "скидка по секрету") if i % 7 == 0 else ()
        context = GuardrailContext(buyer_text=rng.choice(BUYER_TEXTS), rating=rng.randint(1, 5), extra_phrases=extra)
        items.append((" ".join(parts), channel, context))
    return items


Checker = Callable[[str, Channel, GuardrailContext], bool]  # True: blocked
Item = tuple[str, Channel, GuardrailContext]
ROOT = Path(__file__).resolve().parent.parent


def _corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("guardrails_corpus", Path(__file__).with_name("guardrails_corpus.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def quality_sets() -> dict[str, list[tuple[Item, str]]]:
    """Named sets of ((text, channel, context), expected rule): bad/clean × tuning/held-out, and the templates."""
    corpus_module = _corpus_module()
    sets: dict[str, list[tuple[Item, str]]] = {}
    for name in ("bad", "clean"):
        for line in corpus_module.load(name):
            context = GuardrailContext(buyer_text=line.get("buyer", ""), rating=5)
            item = (line["text"], Channel(line["channel"]), context)
            sets.setdefault(f"{name} {line['split']}", []).append((item, line["rule"]))
    sets["clean templates"] = [(item, "") for item in corpus_module.template_replies()]
    return sets


def old_checker(commit: str) -> Checker:
    """`check_text` as it was at `commit` (before issue 28), loaded from git under another package name."""
    files = subprocess.run(
        ["git", "ls-tree", "--name-only", commit, "core/guardrails/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    folder = Path(tempfile.mkdtemp()) / "old_guardrails"
    folder.mkdir()
    for path in files:
        source = subprocess.run(
            ["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        (folder / Path(path).name).write_text(source.stdout.replace("core.guardrails", "old_guardrails"))
    sys.path.insert(0, str(folder.parent))
    module = importlib.import_module("old_guardrails")
    return lambda text, channel, context: not module.check_text(text, channel=channel, context=context).ok


def new_checker(text: str, channel: Channel, context: GuardrailContext) -> bool:
    return not check_text(text, channel=channel, context=context).ok


def rates(check: Checker, sets: dict[str, list[tuple[Item, str]]]) -> dict[str, float]:
    """Block rate of each bad set, pass rate of each clean set, in %."""
    out = {}
    for name, items in sets.items():
        blocked = sum(check(*item) for item, _ in items)
        out[name] = 100 * (blocked if name.startswith("bad") else len(items) - blocked) / len(items)
    return out


def report_quality(commit: str) -> tuple[list[Item], Checker | None]:
    """Print the corpus figures and the controls; return every corpus item (for the throughput run) and the
    checker before issue 28 (None when git cannot show it)."""
    sets = quality_sets()
    checkers: dict[str, Checker] = {"guardrails": new_checker, "pass everything": lambda *_: False}
    try:
        checkers[f"before issue 28 ({commit})"] = old_checker(commit)
    except subprocess.CalledProcessError:
        print(f"(control at {commit} not available in this checkout)")
    print("set".ljust(18) + " n    " + "".join(name[:26].ljust(28) for name in checkers))
    figures = {name: rates(check, sets) for name, check in checkers.items()}
    for set_name, items in sets.items():
        kind = "block" if set_name.startswith("bad") else "pass"
        row = f"{set_name:<18}{len(items):>4}  "
        print(row + "".join(f"{kind} {figures[name][set_name]:6.2f} %".ljust(28) for name in checkers))
    for kind, prefix in (("block", "bad"), ("pass", "clean")):
        pooled = [(item, rule) for name, items in sets.items() if name.startswith(prefix) for item, rule in items]
        share = rates(new_checker, {prefix: pooled})[prefix]
        print(f"{prefix} (all {len(pooled)}): {kind} {share:.2f} %")
    misses = Counter()
    for name, items in sets.items():
        for (text, channel, context), rule in items:
            blocked = new_checker(text, channel, context)
            if name.startswith("bad") and not blocked:
                misses[rule] += 1
                print(f"  MISSED [{name}] {rule}: {text}")
            elif not name.startswith("bad") and blocked:
                rules = [v.rule_id for v in check_text(text, channel=channel, context=context).blocking]
                print(f"  BLOCKED CLEAN [{name}] {rules}: {text}")
    control = checkers.get(f"before issue 28 ({commit})")
    return [item for items in sets.values() for item, _ in items], control


def throughput(items: list[Item], rounds: int, check: Checker = new_checker) -> tuple[float, float, int]:
    """(texts/s by CPU time, texts/s by wall clock, blocked) of the best of `rounds` passes over `items`."""
    best_cpu = best_wall = float("inf")
    blocked = 0
    for _ in range(rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        blocked = sum(check(text, channel, context) for text, channel, context in items)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return len(items) / best_cpu, len(items) / best_wall, blocked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--control-commit", default="20a8b4f")
    args = parser.parse_args()
    corpus_items, control = report_quality(args.control_commit)
    cpu, wall, blocked = throughput(corpus_items, args.rounds)
    chars = sum(len(text) for text, _, _ in corpus_items) / len(corpus_items)
    print(
        f"adversarial corpus: {len(corpus_items)} texts, {chars:.0f} chars on average, {blocked} blocked: "
        f"{cpu:,.0f} texts/s on one core (CPU time; wall clock {wall:,.0f}/s)"
    )
    items = corpus(args.texts)
    chars = sum(len(text) for text, _, _ in items)
    # CPU time of this process is the figure (other work on the machine inflates wall time); wall is shown too.
    cpu, wall, blocked = throughput(items, args.rounds)
    print(
        f"mixed corpus: {len(items)} texts, {chars / len(items):.0f} chars on average, {blocked} blocked: "
        f"{cpu:,.0f} texts/s on one core (CPU time; wall clock {wall:,.0f}/s), best of {args.rounds} rounds"
    )
    if control is not None:  # the same texts through the checker before issue 28, in the same run (same load)
        old_cpu, _, old_blocked = throughput(items, args.rounds, control)
        print(f"  before issue 28: {old_cpu:,.0f} texts/s, {old_blocked} blocked (new/old time {old_cpu / cpu:.2f})")


if __name__ == "__main__":
    main()
