"""Turn the text of a "show if" condition into a syntax tree, without ``eval``.

The grammar (lowest precedence first)::

    or_expr        := and_expr ('or' and_expr)*
    and_expr       := comparison ('and' comparison)*
    comparison     := additive (('=' | '!=' | '<' | '<=' | '>' | '>=') additive)?
    additive       := multiplicative (('+' | '-') multiplicative)*
    multiplicative := unary (('*' | 'div' | 'mod') unary)*
    unary          := '-' unary | primary
    primary        := NUMBER | STRING | '${' code '}' | name '(' args ')' | '(' or_expr ')'

Researchers type these conditions, so every mistake must end as a :class:`ParseError` whose
text they can act on. The size limits exist so that no input can exhaust the stack here or in
the code that walks the tree afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .ast import (
    CODE_PATTERN,
    FUNCTION_ARITIES,
    MAX_CODE_LENGTH,
    BinOp,
    Call,
    Neg,
    Node,
    Number,
    Ref,
    String,
)
from .ast import tree_depth as _tree_depth

MAX_SOURCE_LENGTH = 2000
MAX_NESTING = 40
# Also bounds long chains such as `a or b or c ...`, which nest in the tree without brackets.
MAX_TREE_DEPTH = 100
# Keeps every literal exact in JavaScript (whose integers are exact only up to 2**53).
NUMBER_LIMIT = 10**15

COMPARISON_OPERATORS = ("=", "!=", "<", "<=", ">", ">=")
KEYWORDS = frozenset({"and", "or", "div", "mod"})

_WHITESPACE = re.compile(r"[ \t\r\n]+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*")
_CODE_CHARACTERS = re.compile(r"[A-Za-z0-9_]*")
_TWO_CHARACTER_OPERATORS = ("!=", "<=", ">=")
_ONE_CHARACTER_TOKENS = "=<>+-*(),"


class ParseError(Exception):
    """A condition that cannot be understood, explained for the researcher who wrote it."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "string", "ref", "name", "op", "(", ")", ",", "end"
    text: str
    position: int
    value: Node | None = None


def parse(source: str) -> Node:
    """Parse a condition such as ``${agency} = 'police' and ${years} >= 5``."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ParseError(
            f"The condition is {len(source)} characters long; the limit is {MAX_SOURCE_LENGTH}"
        )
    if not source.strip():
        raise ParseError("The condition is empty")
    node = _Parser(source).condition()
    if _tree_depth(node) > MAX_TREE_DEPTH:
        raise ParseError(
            f"The condition has too many parts (more than {MAX_TREE_DEPTH} levels deep); "
            "split it into simpler conditions"
        )
    return node


def _where(source: str, position: int) -> str:
    if position >= len(source):
        return f"character {position + 1} (the end of the condition)"
    return f"character {position + 1}"


def _error(source: str, what: str, position: int, after: str = "") -> ParseError:
    return ParseError(f"{what} at {_where(source, position)}{after}", position)


def _show_character(character: str) -> str:
    return f"'{character}'" if character.isprintable() else f"U+{ord(character):04X}"


class _Tokenizer:
    def __init__(self, source: str) -> None:
        self.source = source

    def tokens(self) -> list[_Token]:
        tokens, position = [], 0
        while position < len(self.source):
            space = _WHITESPACE.match(self.source, position)
            if space:
                position = space.end()
                continue
            token = self._token_at(position)
            tokens.append(token)
            position += len(token.text)
        tokens.append(_Token("end", "", len(self.source)))
        return tokens

    def _error(self, what: str, position: int, after: str = "") -> ParseError:
        return _error(self.source, what, position, after)

    def _token_at(self, position: int) -> _Token:
        character = self.source[position]
        if character == "$":
            return self._reference(position)
        if character in "'\"":
            return self._string(position)
        if character.isascii() and character.isdigit():
            return self._number(position)
        if character.isascii() and character.isalpha():
            return self._word(position)
        return self._punctuation(position)

    def _reference(self, start: int) -> _Token:
        if not self.source.startswith("${", start):
            raise self._error("Expected '{' after '$'", start + 1)
        code = _CODE_CHARACTERS.match(self.source, start + 2).group()
        end = start + 2 + len(code)
        if not self.source.startswith("}", end):
            hint = " (no spaces are allowed inside ${…})" if self._is_space(end) else ""
            raise self._error(f"Expected '}}' to close '${{'{hint}", end)
        if not code:
            raise self._error("Expected a question code inside '${}'", start)
        if len(code) > MAX_CODE_LENGTH:
            raise self._error(
                "The question code", start, f" is longer than {MAX_CODE_LENGTH} characters"
            )
        if not CODE_PATTERN.fullmatch(code):
            raise self._error(
                f"'${{{code}}}'",
                start,
                " is not a valid question code: codes start with a lowercase letter and use "
                "only lowercase letters, digits and underscores",
            )
        return _Token("ref", self.source[start : end + 1], start, Ref(code))

    def _is_space(self, position: int) -> bool:
        return position < len(self.source) and self.source[position].isspace()

    def _string(self, start: int) -> _Token:
        quote = self.source[start]
        end = self.source.find(quote, start + 1)
        if end == -1:
            raise self._error("The text that starts", start, f" is missing its closing {quote}")
        text = self.source[start : end + 1]
        return _Token("string", text, start, String(text[1:-1]))

    def _number(self, start: int) -> _Token:
        text = _NUMBER.match(self.source, start).group()
        value = float(text) if "." in text else int(text)
        if value >= NUMBER_LIMIT:
            raise self._error(
                "The number", start, f" is too large; numbers must be less than {NUMBER_LIMIT:,}"
            )
        return _Token("number", text, start, Number(value))

    def _word(self, start: int) -> _Token:
        word = _WORD.match(self.source, start).group()
        if word in KEYWORDS:
            return _Token("op", word, start)
        if word != word.lower():
            hint = "; write it in lowercase" if word.lower() in _VOCABULARY else ""
            raise self._error(f"Unexpected '{word}'", start, hint)
        return _Token("name", word, start)

    def _punctuation(self, start: int) -> _Token:
        pair = self.source[start : start + 2]
        if pair == "==":
            raise self._error("Use '=' rather than '=='", start)
        if pair in _TWO_CHARACTER_OPERATORS:
            return _Token("op", pair, start)
        character = self.source[start]
        if character in "(),":
            return _Token(character, character, start)
        if character in _ONE_CHARACTER_TOKENS:
            return _Token("op", character, start)
        if character == "." and self.source[start + 1 : start + 2].isdigit():
            raise self._error("Write a digit before the decimal point (0.5, not .5)", start)
        if character == "." and self.source[start - 1 : start].isdigit():
            raise self._error("Write a digit after the decimal point (5.0, not 5.)", start)
        raise self._error(f"Unexpected character {_show_character(character)}", start)


_VOCABULARY = KEYWORDS | FUNCTION_ARITIES.keys()


class _Parser:
    """Recursive descent over the tokens; one method per grammar rule."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._tokens = _Tokenizer(source).tokens()
        self._index = 0
        self._nesting = 0

    def condition(self) -> Node:
        node = self._or()
        if self._current.kind != "end":
            raise self._unexpected(self._current)
        return node

    @property
    def _current(self) -> _Token:
        return self._tokens[self._index]

    def _advance(self) -> _Token:
        token = self._current
        if token.kind != "end":
            self._index += 1
        return token

    def _at_operator(self, operators: tuple[str, ...]) -> bool:
        return self._current.kind == "op" and self._current.text in operators

    def _error(self, what: str, position: int, after: str = "") -> ParseError:
        return _error(self._source, what, position, after)

    def _unexpected(self, token: _Token) -> ParseError:
        if token.kind == "end":
            return self._error("Expected a value", token.position)
        return self._error(f"Unexpected '{token.text}'", token.position)

    @contextmanager
    def _nested(self, token: _Token) -> Iterator[None]:
        self._nesting += 1
        if self._nesting > MAX_NESTING:
            raise self._error(
                f"The condition is too deeply nested (more than {MAX_NESTING} levels of "
                "brackets, minus signs or functions)",
                token.position,
            )
        yield
        self._nesting -= 1

    def _expect(self, kind: str, description: str) -> None:
        if self._current.kind != kind:
            raise self._error(f"Expected {description}", self._current.position)
        self._advance()

    def _left_associative(self, operand: Callable[[], Node], operators: tuple[str, ...]) -> Node:
        node = operand()
        while self._at_operator(operators):
            operator = self._advance().text
            node = BinOp(operator, node, operand())
        return node

    def _or(self) -> Node:
        return self._left_associative(self._and, ("or",))

    def _and(self) -> Node:
        return self._left_associative(self._comparison, ("and",))

    def _comparison(self) -> Node:
        left = self._additive()
        if not self._at_operator(COMPARISON_OPERATORS):
            return left
        operator = self._advance().text
        right = self._additive()
        if self._at_operator(COMPARISON_OPERATORS):
            raise self._error(
                f"Comparisons cannot be chained: the second '{self._current.text}'",
                self._current.position,
                "; put brackets around one comparison or join them with 'and'",
            )
        return BinOp(operator, left, right)

    def _additive(self) -> Node:
        return self._left_associative(self._multiplicative, ("+", "-"))

    def _multiplicative(self) -> Node:
        return self._left_associative(self._unary, ("*", "div", "mod"))

    def _unary(self) -> Node:
        if not self._at_operator(("-",)):
            return self._primary()
        token = self._advance()
        with self._nested(token):
            return Neg(self._unary())

    def _primary(self) -> Node:
        token = self._current
        if token.value is not None:
            self._advance()
            return token.value
        if token.kind == "(":
            self._advance()
            with self._nested(token):
                node = self._or()
                self._expect(")", "')'")
            return node
        if token.kind == "name":
            return self._call()
        raise self._unexpected(token)

    def _call(self) -> Call:
        token = self._advance()
        name = token.text
        if self._current.kind != "(":
            raise self._error(f"Unexpected '{name}'", token.position, _word_hint(name))
        if name not in FUNCTION_ARITIES:
            raise self._error(f"Unknown function '{name}()'", token.position)
        self._advance()
        with self._nested(token):
            args = self._arguments()
        expected = FUNCTION_ARITIES[name]
        if len(args) != expected:
            raise ParseError(
                f"{name}() takes {_count_arguments(expected)}, not {len(args)} "
                f"(at {_where(self._source, token.position)})",
                token.position,
            )
        return Call(name, args)

    def _arguments(self) -> tuple[Node, ...]:
        if self._current.kind == ")":
            self._advance()
            return ()
        args = [self._or()]
        while self._current.kind == ",":
            self._advance()
            args.append(self._or())
        self._expect(")", "',' or ')'")
        return tuple(args)


def _word_hint(word: str) -> str:
    if word in FUNCTION_ARITIES:
        return f"; {word}() is a function, so write {word}(…)"
    if CODE_PATTERN.fullmatch(word):
        return f"; to use the answer to a question, write ${{{word}}}"
    return ""


def _count_arguments(count: int) -> str:
    if count == 0:
        return "no arguments"
    return "1 argument" if count == 1 else f"{count} arguments"
