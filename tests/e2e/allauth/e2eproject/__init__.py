"""A minimal Django project that configures django-allauth like Paperless-ngx."""
