"""Validates cordon's /match responses against yente's own response models.

Usage: python validate.py RESPONSE.json [RESPONSE.json ...]

Each file must be a JSON body returned by cordon's `POST /match/{dataset}`.
It is parsed with `yente.data.common.EntityMatchResponse` from the `yente`
package on PyPI (pinned in requirements.txt beside this file), the model
yente's own server uses for that route. Exits 1, printing pydantic's
errors, if any file does not conform.
"""

import json
import sys

from pydantic import ValidationError
from yente.data.common import EntityMatchResponse


def main(paths):
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        try:
            resp = EntityMatchResponse.model_validate(data)
        except ValidationError as e:
            failed += 1
            print(f"{path}: does not conform to yente's EntityMatchResponse:\n{e}")
            continue
        results = sum(len(r.results) for r in resp.responses.values())
        print(f"{path}: conforms ({len(resp.responses)} queries, {results} results)")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
