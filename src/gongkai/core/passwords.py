"""Password rules in Chinese where Django's own zh_Hans catalogue falls short.

Django 5.2 changed the minimum-length message to "%d" while its Chinese catalogue still has the older
"%(min_length)d" text, so that one message came out in English; the other three validators translate."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"密码长度太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
