"""Edit a call's callee and arguments while everything left in place keeps its whitespace and comments.

    >>> edit = CallEdit(call)                                   # doctest: +SKIP
    >>> edit.func = cst.parse_expression("model.complete")      # doctest: +SKIP
    >>> new_call = edit.rename("n_predict", "max_tokens").drop("echo").set("max_tokens", value).build()

Arguments added to a call written one argument per line go on their own line with the same indentation;
in a one-line call they follow ``, ``. A comment written after an argument stays with that argument, and
goes when the argument is dropped; comment lines of their own stay where they are.
"""

from __future__ import annotations

import libcst as cst

_NO_SPACE = cst.SimpleWhitespace("")


class CallEdit:
    """A mutable view of one ``cst.Call``; :meth:`build` returns the edited call."""

    def __init__(self, call: cst.Call) -> None:
        self.call = call
        self.func: cst.BaseExpression = call.func
        self.args: list[cst.Arg] = list(call.args)

    def keyword(self, name: str) -> cst.Arg | None:
        """The argument passed as ``name=``."""
        return next((arg for arg in self.args if arg.keyword is not None and arg.keyword.value == name), None)

    def positional(self, index: int) -> cst.Arg | None:
        """The ``index``-th positional argument (star arguments do not count)."""
        plain = [arg for arg in self.args if arg.keyword is None and not arg.star]
        return plain[index] if index < len(plain) else None

    def rename(self, old: str, new: str) -> CallEdit:
        """Pass ``old=`` as ``new=`` instead (no-op when absent)."""
        arg = self.keyword(old)
        if arg is not None:
            self._swap(arg, arg.with_changes(keyword=cst.Name(new)))
        return self

    def set(self, name: str, value: cst.BaseExpression) -> CallEdit:
        """Give ``name=`` this value, replacing the old one in place or appending the argument."""
        arg = self.keyword(name)
        if arg is not None:
            self._swap(arg, arg.with_changes(value=value))
        else:
            self.append(
                cst.Arg(value=value, keyword=cst.Name(name), equal=cst.AssignEqual(_NO_SPACE, _NO_SPACE))
            )
        return self

    def replace(self, arg: cst.Arg, new: cst.Arg) -> CallEdit:
        """Put ``new`` where ``arg`` was, keeping ``arg``'s comma and surrounding whitespace."""
        self._swap(
            arg,
            new.with_changes(
                comma=arg.comma,
                whitespace_after_star=arg.whitespace_after_star,
                whitespace_after_arg=arg.whitespace_after_arg,
            ),
        )
        return self

    def drop(self, name_or_arg: str | cst.Arg) -> CallEdit:
        """Remove a keyword argument (by name) or any argument (by node), with the comment written after it."""
        arg = self.keyword(name_or_arg) if isinstance(name_or_arg, str) else name_or_arg
        if arg is None:
            return self
        index = self._index(arg)
        if index == len(self.args) - 1 and index > 0:
            self.args[index - 1] = _take_closing(self.args[index - 1], arg)
        elif isinstance(arg.comma, cst.Comma):
            self._keep_comment_lines(index, arg.comma.whitespace_after)
        del self.args[index]
        return self

    def append(self, arg: cst.Arg) -> CallEdit:
        """Add ``arg`` after the last argument, formatted like its neighbours."""
        if not self.args:
            self.args.append(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT))
            return self
        last = self.args[-1]
        separator = self._separator()
        self.args[-1] = _before_new(last, separator)
        self.args.append(_closing_like(arg, last))
        return self

    def insert(self, index: int, arg: cst.Arg) -> CallEdit:
        """Put ``arg`` before the ``index``-th argument (after the last one when there is none)."""
        if index >= len(self.args):
            return self.append(arg)
        self.args.insert(index, arg.with_changes(comma=self._separator(), whitespace_after_arg=_NO_SPACE))
        return self

    def build(self) -> cst.Call:
        call = self.call.with_changes(func=self.func, args=tuple(self.args))
        if not self.args:
            call = call.with_changes(whitespace_before_args=_NO_SPACE)
        return call

    # ------------------------------------------------------------------ internals

    def _index(self, arg: cst.Arg) -> int:
        return next(i for i, candidate in enumerate(self.args) if candidate is arg)

    def _keep_comment_lines(self, index: int, removed: cst.BaseParenthesizableWhitespace) -> None:
        """Comment lines between a dropped argument and the next one stay above the next one."""
        if index == 0:
            kept = _merge_boundary(self.call.whitespace_before_args, removed)
            self.call = self.call.with_changes(whitespace_before_args=kept)
            return
        previous = self.args[index - 1]
        if isinstance(previous.comma, cst.Comma):
            kept = _merge_boundary(previous.comma.whitespace_after, removed)
            self.args[index - 1] = previous.with_changes(
                comma=previous.comma.with_changes(whitespace_after=kept)
            )

    def _swap(self, old: cst.Arg, new: cst.Arg) -> None:
        self.args[self._index(old)] = new

    def _separator(self) -> cst.Comma:
        """The comma between two arguments of this call, without any comment it carries."""
        if len(self.args) >= 2 and isinstance(self.args[-2].comma, cst.Comma):
            comma = self.args[-2].comma
            return comma.with_changes(whitespace_after=_without_comment(comma.whitespace_after))
        opening = self.call.whitespace_before_args
        if isinstance(opening, cst.ParenthesizedWhitespace):
            return cst.Comma(whitespace_after=_without_comment(opening))
        return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _without_comment(whitespace: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=())
    return whitespace


def _merge_boundary(
    kept: cst.BaseParenthesizableWhitespace, removed: cst.BaseParenthesizableWhitespace
) -> cst.BaseParenthesizableWhitespace:
    """``kept`` followed by the whole comment lines of ``removed`` (not its end-of-line comment)."""
    lines = removed.empty_lines if isinstance(removed, cst.ParenthesizedWhitespace) else ()
    if not lines:
        return kept
    if isinstance(kept, cst.ParenthesizedWhitespace):
        return kept.with_changes(empty_lines=(*kept.empty_lines, *lines))
    return removed.with_changes(first_line=cst.TrailingWhitespace())


def _closing_part(arg: cst.Arg) -> cst.BaseParenthesizableWhitespace:
    """What follows the last argument up to ``)``: its trailing comma's whitespace, or its own."""
    return arg.comma.whitespace_after if isinstance(arg.comma, cst.Comma) else arg.whitespace_after_arg


def _before_new(last: cst.Arg, separator: cst.Comma) -> cst.Arg:
    """The old last argument, now followed by ``separator`` and keeping its own end-of-line comment."""
    closing = _closing_part(last)
    after = separator.whitespace_after
    if isinstance(closing, cst.ParenthesizedWhitespace) and isinstance(after, cst.ParenthesizedWhitespace):
        after = after.with_changes(first_line=closing.first_line, empty_lines=closing.empty_lines)
    before = last.comma.whitespace_before if isinstance(last.comma, cst.Comma) else _NO_SPACE
    return last.with_changes(
        comma=cst.Comma(whitespace_before=before, whitespace_after=after),
        whitespace_after_arg=_NO_SPACE
        if not isinstance(last.comma, cst.Comma)
        else last.whitespace_after_arg,
    )


def _closing_like(arg: cst.Arg, last: cst.Arg) -> cst.Arg:
    """``arg`` ending the call the way ``last`` did (trailing comma or not, closing line and indent)."""
    closing = _closing_part(last)
    if isinstance(closing, cst.ParenthesizedWhitespace):
        closing = closing.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=())
    if isinstance(last.comma, cst.Comma):
        return arg.with_changes(
            comma=last.comma.with_changes(whitespace_after=closing), whitespace_after_arg=_NO_SPACE
        )
    return arg.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=closing)


def _take_closing(previous: cst.Arg, removed: cst.Arg) -> cst.Arg:
    """``previous`` becoming the last argument: it ends the call as ``removed`` did, keeping its own comment."""
    closing = _closing_part(removed)
    own = previous.comma.whitespace_after if isinstance(previous.comma, cst.Comma) else None
    if isinstance(closing, cst.ParenthesizedWhitespace) and isinstance(own, cst.ParenthesizedWhitespace):
        closing = closing.with_changes(
            first_line=own.first_line, empty_lines=(*own.empty_lines, *closing.empty_lines)
        )
    if isinstance(removed.comma, cst.Comma):
        whitespace_before = (
            previous.comma.whitespace_before if isinstance(previous.comma, cst.Comma) else _NO_SPACE
        )
        return previous.with_changes(
            comma=cst.Comma(whitespace_before=whitespace_before, whitespace_after=closing)
        )
    return previous.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=closing)
