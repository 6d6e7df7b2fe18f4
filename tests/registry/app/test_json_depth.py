"""Issue 17.12: JSON nested a thousand deep is a 4xx naming the limit, not a RecursionError."""

from registry.security import MAX_JSON_DEPTH, json_depth


def test_json_depth_counts_brackets_outside_strings():
    assert json_depth(b'{"a": [1, {"b": "[[[[not brackets]]]]"}]}') == 3
    assert json_depth(b'{"a": [1, {"b": "[[[[not brackets]]]]"}]}' * 20) == 3
    assert json_depth(b"[" * 1000 + b"]" * 1000) == 1000


def test_a_deeply_nested_body_is_refused_naming_the_limit(client, token_for):
    headers = {**token_for("architect"), "Content-Type": "application/json"}
    deep = client.post("/api/v1/applications", headers=headers,
                       data="[" * 1000 + "]" * 1000)
    assert deep.status_code == 422
    assert str(MAX_JSON_DEPTH) in str(deep.json)
    shallow = client.post("/api/v1/applications", headers=headers, json={"code": "X"})
    assert shallow.status_code == 422
