"""Runs the unit tests of this folder and prints one line per test, for JUnit (PythonUnitTest) to read:

    OUTCOME<TAB>TEST ID<TAB>DETAIL

OUTCOME is pass, fail, error or skip; DETAIL (the traceback or the skip reason) has its backslashes and newlines
escaped so that each test stays one line. Arguments are unittest's -k patterns. Exit status 0 when all passed.
"""

import os
import sys
import unittest

MARK = "@unittest@"  # starts each result line, so that a test's own prints cannot pass for one


class LineResult(unittest.TestResult):

    def __init__(self, out):
        super().__init__()
        self._out = out

    def _line(self, outcome, test, detail=""):
        detail = detail.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
        self._out.write("%s%s\t%s\t%s\n" % (MARK, outcome, test.id(), detail))
        self._out.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line("pass", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line("fail", test, self.failures[-1][1])

    def addError(self, test, err):
        super().addError(test, err)
        self._line("error", test, self.errors[-1][1])

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line("skip", test, reason)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:  # a failed subtest fails its test: reported under the test's id
            self._line("error" if not issubclass(err[0], test.failureException) else "fail", test,
                       (self.failures if issubclass(err[0], test.failureException) else self.errors)[-1][1])


def main(patterns):
    loader = unittest.TestLoader()
    loader.testNamePatterns = ["*%s*" % p if "*" not in p else p for p in patterns] or None
    here = os.path.dirname(os.path.abspath(__file__))
    suite = loader.discover(here, top_level_dir=here)
    result = LineResult(sys.stdout)
    suite.run(result)
    for test, trace in result.errors:  # import errors of a whole module come as errors of a stand-in test
        if not hasattr(test, "_testMethodName"):
            result._line("error", test, trace)
    return 0 if result.wasSuccessful() and result.testsRun else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
