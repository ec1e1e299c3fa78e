"""claimdiff: compare how several articles report the same event, claim by claim."""

__version__ = "0.1.0"

__all__ = ["compare", "Report", "__version__"]


def __getattr__(name):
    # The pipeline pulls in heavy libraries; import it only when asked, so `claimdiff --help` stays fast.
    if name == "compare":
        from claimdiff.pipeline import compare

        return compare
    if name == "Report":
        from claimdiff.model import Report

        return Report
    raise AttributeError(name)
