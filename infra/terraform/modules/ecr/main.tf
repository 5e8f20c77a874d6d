resource "aws_ecr_repository" "this" {
  for_each = var.create_repositories ? var.repository_names : {}

  name                 = each.value
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key_arn
  }

  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each = aws_ecr_repository.this

  repository = each.value.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images after ${var.untagged_image_expiry_days} days"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = var.untagged_image_expiry_days
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the last ${var.keep_tagged_images} tagged images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.keep_tagged_images
        }
        action = { type = "expire" }
      },
    ]
  })
}

data "aws_ecr_repository" "existing" {
  for_each = var.create_repositories ? {} : var.repository_names

  name = each.value
}

locals {
  # One of the two maps is empty; merge() avoids a conditional between objects of different shapes.
  repositories = merge(
    { for svc, repo in aws_ecr_repository.this : svc => { arn = repo.arn, url = repo.repository_url, name = repo.name } },
    { for svc, repo in data.aws_ecr_repository.existing : svc => { arn = repo.arn, url = repo.repository_url, name = repo.name } },
  )
}
