"""Who a token acts as, for the services and the audit trail."""

from gongkai.disclosure_requests.services import Applicant


class PlatformActor(Applicant):
    """A forwarding platform. It counts as the applicant's hand for the applicant's own moves (补正), which the
    transition table allows the applicant; it never holds a staff role."""

    def __init__(self, token, applicant_name: str = ""):
        super().__init__(applicant_name)
        self.token = token

    def __str__(self):
        platform = f"{self.token.platform}（接口令牌{self.token.prefix}…）"
        return f"申请人{self.name}，经{platform}" if self.name else platform
